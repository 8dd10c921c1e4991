package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;

/**
 * Serves one queue: claims as many jobs as it has free workers, in one store call, and hands them to its worker
 * pool. It sleeps when the queue is empty until woken (a local enqueue or a store notification) or until the poll
 * interval passes.
 */
final class QueueDispatcher {

    private static final Logger LOG = Logger.getLogger(QueueDispatcher.class);
    private static final Comparator<ClaimedJob> DISPATCH_ORDER = Comparator.comparingInt(ClaimedJob::priority)
            .reversed().thenComparing(ClaimedJob::runAt);
    private static final long MAX_ERROR_BACKOFF_MILLIS = 5_000;
    /**
     * While the queue has more jobs than workers, a claim waits this long for all workers to be free, so that one
     * round trip claims many jobs instead of one job per finished worker.
     */
    private static final long BATCHING_WINDOW_MICROS = 2_000;

    private final String queue;
    private final int concurrency;
    private final Set<String> types;
    private final JobStore store;
    private final String owner;
    private final Duration lease;
    private final Duration pollInterval;
    private final Consumer<ClaimedJob> worker;
    private final Semaphore freeWorkers;
    private final ExecutorService pool;
    private final Thread loop;
    private final Object wakeLock = new Object();
    private boolean woken;
    /** The earliest run time this instance knows of a job it will have to claim; polling covers the rest. */
    private Instant nextDue;
    private volatile boolean claiming = true;

    QueueDispatcher(String queue, int concurrency, Set<String> types, JobStore store, String owner, Duration lease,
            Duration pollInterval, Consumer<ClaimedJob> worker) {
        this.queue = queue;
        this.concurrency = concurrency;
        this.types = types;
        this.store = store;
        this.owner = owner;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.worker = worker;
        this.freeWorkers = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "job-queue-" + queue + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::claimLoop, "job-queue-" + queue + "-dispatcher");
        this.loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    /** Looks for jobs now instead of at the next poll. */
    void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    /** Looks for jobs at {@code due} (a retry or a delayed job enqueued here) if that is before the next poll. */
    void wakeAt(Instant due) {
        synchronized (wakeLock) {
            if (nextDue == null || due.isBefore(nextDue)) {
                nextDue = due;
                wakeLock.notifyAll();
            }
        }
    }

    /** Stops claiming; running jobs go on. */
    void stopClaiming() {
        claiming = false;
        wake();
        loop.interrupt();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the running jobs finish or the deadline passes; returns whether they all finished. */
    boolean awaitWorkers(Instant deadline) throws InterruptedException {
        pool.shutdown();
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    void shutdownNow() {
        pool.shutdownNow();
    }

    private void claimLoop() {
        long errorBackoffMillis = 0;
        boolean busy = false;
        while (claiming) {
            int free;
            try {
                freeWorkers.acquire();
                if (busy && freeWorkers.tryAcquire(concurrency - 1, BATCHING_WINDOW_MICROS, TimeUnit.MICROSECONDS)) {
                    free = concurrency;
                } else {
                    free = 1 + freeWorkers.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
            List<ClaimedJob> jobs;
            try {
                Instant now = Instant.now();
                jobs = claiming ? store.claim(queue, types, free, owner, now, now.plus(lease)) : List.of();
                errorBackoffMillis = 0;
            } catch (RuntimeException e) {
                freeWorkers.release(free);
                errorBackoffMillis = Math.min(MAX_ERROR_BACKOFF_MILLIS, Math.max(100, errorBackoffMillis * 2));
                LOG.errorf(e, "Could not claim jobs of queue '%s'; trying again in %d ms", queue, errorBackoffMillis);
                sleep(errorBackoffMillis);
                continue;
            }
            freeWorkers.release(free - jobs.size());
            busy = jobs.size() == free;
            jobs.stream().sorted(DISPATCH_ORDER).forEach(job -> pool.execute(() -> {
                try {
                    worker.accept(job);
                } finally {
                    freeWorkers.release();
                }
            }));
            if (jobs.size() < free) {
                awaitWake();
            }
        }
    }

    private void awaitWake() {
        synchronized (wakeLock) {
            Instant pollAt = Instant.now().plus(pollInterval);
            while (!woken && claiming) {
                Instant now = Instant.now();
                Instant until = nextDue != null && nextDue.isBefore(pollAt) ? nextDue : pollAt;
                if (!now.isBefore(until)) {
                    break;
                }
                try {
                    wakeLock.wait(Math.max(1, Duration.between(now, until).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
            if (nextDue != null && !nextDue.isAfter(Instant.now())) {
                nextDue = null;
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
