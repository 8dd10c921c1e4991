package io.quarkiverse.jobqueue.benchmarks.app;

import java.util.Arrays;
import java.util.Locale;

/** Pickup latencies in microseconds, summarized as percentiles in milliseconds. */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    synchronized void add(long micros) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = micros;
    }

    synchronized int count() {
        return count;
    }

    synchronized String json() {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "\"count\":%d,\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f",
                count, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                count == 0 ? 0 : sorted[count - 1] / 1000.0);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
