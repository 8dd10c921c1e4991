package io.quarkiverse.jobqueue.benchmarks.app;

import java.time.Instant;

/** Wall-clock microseconds, comparable across the JVMs of one machine. */
final class Clock {

    private Clock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
