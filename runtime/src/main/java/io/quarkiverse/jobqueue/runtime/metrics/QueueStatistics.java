package io.quarkiverse.jobqueue.runtime.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;
import io.quarkiverse.jobqueue.runtime.store.JobStore;

/**
 * Jobs per state and the oldest due job of each queue this application serves, read from the store at most once per
 * {@code quarkus.job-queue.stats-max-age} and only when asked, on a thread of its own: the gauges of every queue and
 * state and the readiness check share one reading, so a scrape never costs a store query per gauge, and a store that
 * hangs holds up neither a scrape nor a probe.
 */
@Singleton
public class QueueStatistics {

    private static final Logger LOG = Logger.getLogger(QueueStatistics.class);

    /** What the store said at {@code takenAt}, per queue in the order the queues are configured. */
    public record Snapshot(Instant takenAt, Map<String, QueueCounts> queues) {
    }

    /**
     * @param jobs every state, zero included
     * @param oldestPendingAge how long the oldest due job had waited at the reading (zero when none was due)
     */
    public record QueueCounts(Map<JobState, Long> jobs, Duration oldestPendingAge) {

        public long count(JobState state) {
            return jobs.getOrDefault(state, 0L);
        }
    }

    /** A reading of the store, started at {@code startedNanos} (System.nanoTime). */
    private record Reading(long startedNanos, CompletableFuture<Snapshot> result) {
    }

    private final JobStore store;
    private final HandlerRegistry handlers;
    /** Looked up when first needed: the runtime's observers include the metrics, which use these statistics. */
    private final Provider<JobQueueRuntime> runtime;
    private final long maxAgeNanos;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "job-queue-statistics");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    /** The latest reading, finished or not; guarded by {@link #lock}. */
    private Reading reading;
    private volatile Snapshot lastGood;

    QueueStatistics(JobStore store, HandlerRegistry handlers, Provider<JobQueueRuntime> runtime,
            JobQueueConfig config) {
        // Validated with the rest of the configuration at start-up (JobQueueSettings).
        this.store = store;
        this.handlers = handlers;
        this.runtime = runtime;
        this.maxAgeNanos = config.statsMaxAge().toNanos();
    }

    /**
     * The last successful reading, or empty before the first one; starts a new reading in the background when the
     * last one is older than the maximum age. Never waits for the store.
     */
    public Optional<Snapshot> latest() {
        current();
        return Optional.ofNullable(lastGood);
    }

    /**
     * A reading at most the maximum age old, waiting up to {@code timeout} for the store.
     *
     * @throws StatisticsUnavailableException when the store failed or did not answer in time
     */
    public Snapshot read(Duration timeout) {
        try {
            return current().result().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new StatisticsUnavailableException("The job store did not answer within " + timeout.toMillis() + " ms"
                    + " (quarkus.job-queue.health.store-timeout)", e);
        } catch (ExecutionException e) {
            throw new StatisticsUnavailableException("The job store failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatisticsUnavailableException("Interrupted while waiting for the job store", e);
        }
    }

    /** The latest reading, or a new one when it finished longer ago than the maximum age; one at a time. */
    private Reading current() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (reading == null || (reading.result().isDone() && now - reading.startedNanos() >= maxAgeNanos)) {
                CompletableFuture<Snapshot> result = CompletableFuture.supplyAsync(this::readStore, reader);
                result.whenComplete((snapshot, failure) -> {
                    if (snapshot != null) {
                        lastGood = snapshot;
                    } else {
                        LOG.debugf(failure, "Could not read the job queue statistics");
                    }
                });
                reading = new Reading(now, result);
            }
            return reading;
        }
    }

    private Snapshot readStore() {
        Instant now = Instant.now();
        Set<String> types = handlers.types();
        Map<String, QueueCounts> queues = new LinkedHashMap<>();
        for (String queue : queueNames()) {
            Map<JobState, Long> jobs = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                jobs.put(state, 0L);
            }
            jobs.putAll(store.stats(queue, now));
            Duration oldest = store.oldestRunnable(queue, types, now).map(runAt -> Duration.between(runAt, now))
                    .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
            queues.put(queue, new QueueCounts(jobs, oldest));
        }
        return new Snapshot(now, queues);
    }

    /** Every queue this application serves: those its handlers name and those configured. */
    public List<String> queueNames() {
        return List.copyOf(runtime.get().settings().concurrency().keySet());
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }

    /** The store could not be read for the statistics; the message says why. */
    public static class StatisticsUnavailableException extends RuntimeException {
        StatisticsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
