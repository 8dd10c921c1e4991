package io.quarkiverse.jobqueue.benchmarks.app;

import java.util.HashMap;
import java.util.Map;

/** {@code <mode> [--name value]...}, the same options as the baseline's. */
record Options(String mode, int jobs, int workers, int rate, int seconds, int expect) {

    static Options parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: <throughput|pickup|pickup-worker|pickup-producer|serve|produce> "
                    + "[--jobs N] [--workers N] [--rate N] [--seconds N] [--expect N]");
        }
        Map<String, Integer> values = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value, found " + args[i]);
            }
            values.put(args[i].substring(2), Integer.parseInt(args[i + 1]));
        }
        return new Options(args[0], values.getOrDefault("jobs", 20_000), values.getOrDefault("workers", 8),
                values.getOrDefault("rate", 50), values.getOrDefault("seconds", 10), values.getOrDefault("expect", 500));
    }

    /** Modes that start from an empty store; producers add to what their worker set up. */
    boolean startsClean() {
        return !mode.equals("pickup-producer") && !mode.equals("produce");
    }
}
