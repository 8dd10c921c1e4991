package io.quarkiverse.jobqueue.runtime.engine;

/**
 * How many jobs beyond its workers a dispatcher claims ahead: as many as its workers finish in {@link #WINDOW_NANOS}
 * at the recent average run time, at most {@link #MAX_PER_WORKER} per worker. Short jobs are claimed in large
 * batches, so workers never wait for a round trip; jobs that run longer than the window are not claimed ahead, so
 * they go to instances with idle workers.
 */
final class Prefetch {

    static final long WINDOW_NANOS = 20_000_000;
    static final int MAX_PER_WORKER = 32;
    /** Weight of the newest run in the moving average. */
    private static final double SMOOTHING = 0.05;

    private final int workers;
    /** Moving average of run times in nanoseconds; unknown (no claims ahead) until the first job ran. */
    private volatile double averageNanos = Double.NaN;

    Prefetch(int workers) {
        this.workers = workers;
    }

    void record(long runNanos) {
        double average = averageNanos;
        averageNanos = Double.isNaN(average) ? runNanos : average + SMOOTHING * (runNanos - average);
    }

    int jobs() {
        double average = averageNanos;
        if (Double.isNaN(average)) {
            return 0;
        }
        double ahead = workers * (WINDOW_NANOS / Math.max(average, 1.0));
        return (int) Math.min(ahead, (double) workers * MAX_PER_WORKER);
    }
}
