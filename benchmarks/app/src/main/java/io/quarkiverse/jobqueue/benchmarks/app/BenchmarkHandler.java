package io.quarkiverse.jobqueue.benchmarks.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;

/** The no-op job: it only records that it ran and, for pickup, how long after its enqueue call it started. */
@Singleton
public class BenchmarkHandler {

    static final String TYPE = "bench-noop";
    static final String QUEUE = "bench";

    /** Enqueued at, in microseconds since the epoch, taken just before the enqueue call; 0 when not measured. */
    public record Stamp(long enqueuedAtMicros) {
    }

    final AtomicLong ran = new AtomicLong();
    /** Per-job run counts, kept only when asked for (throughput), to prove no job ran twice. */
    volatile Map<JobId, AtomicInteger> runs;
    volatile Latencies latencies;
    /** Opened by the run that makes the count of the throughput measurement, which it also times (System.nanoTime). */
    final CountDownLatch allRan = new CountDownLatch(1);
    volatile long expected = -1;
    volatile long lastRanNanos;

    @JobHandler(value = TYPE, queue = QUEUE)
    void run(Stamp stamp, JobContext context) {
        long startedMicros = Clock.nowMicros();
        Latencies recording = latencies;
        if (recording != null && stamp != null && stamp.enqueuedAtMicros() > 0) {
            recording.add(startedMicros - stamp.enqueuedAtMicros());
        }
        Map<JobId, AtomicInteger> counting = runs;
        if (counting != null) {
            counting.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
        }
        if (ran.incrementAndGet() == expected) {
            lastRanNanos = System.nanoTime();
            allRan.countDown();
        }
    }

    /** Keeps each job's count of runs, and opens {@link #allRan} when this many jobs ran. */
    void countRuns(int expected) {
        runs = new ConcurrentHashMap<>(expected * 2);
        this.expected = expected;
    }
}
