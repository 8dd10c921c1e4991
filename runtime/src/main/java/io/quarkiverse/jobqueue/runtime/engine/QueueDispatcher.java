package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/**
 * Serves one queue: claims jobs in one store call per batch and hands them to a pool of {@code concurrency}
 * workers. It sleeps when the queue is empty until woken (a local enqueue, a store notification, a known due time)
 * or until the poll interval passes.
 * <p>
 * Jobs held back by a type's limits stay in the store; the dispatcher looks for them again when the outcome of a
 * job of a concurrency-limited type is written here (see {@link JobEngine}), at the next wake-up or at the next
 * poll, never in a loop.
 * <p>
 * While jobs are short, it claims ahead ({@link Prefetch}) so that workers never wait for a round trip and one
 * claim takes many jobs; long jobs are not claimed ahead, so that idle instances get them instead.
 */
final class QueueDispatcher {

    /**
     * While the queue has more jobs than this instance holds, a claim waits up to this long for half its room to
     * free up, so that one round trip claims many jobs instead of one per finished job.
     */
    private static final long BATCHING_WINDOW_NANOS = 2_000_000;
    private static final int MAX_DUE_TIMES = 1_024;

    /** A claimed job waiting for a worker. */
    private final class ClaimedTask implements Runnable {

        private final ClaimedJob job;

        ClaimedTask(ClaimedJob job) {
            this.job = job;
        }

        @Override
        public void run() {
            QueueDispatcher.this.run(job);
        }
    }

    private final String queue;
    private final int concurrency;
    private final Set<String> types;
    private final Map<String, TypeLimit> limits;
    private final JobStore store;
    private final StoreOutage outage;
    private final String owner;
    private final Duration lease;
    private final Duration pollInterval;
    private final Consumer<ClaimedJob> onClaimed;
    private final Consumer<ClaimedJob> worker;
    private final Prefetch prefetch;
    /** Jobs claimed and not finished: queued for a worker or running. */
    private final AtomicInteger held = new AtomicInteger();
    private final ThreadPoolExecutor pool;
    private final Thread loop;
    private final Object wakeLock = new Object();
    private boolean woken;
    /**
     * Run times this instance knows of jobs it will have to claim (its retries, its delayed enqueues), earliest first;
     * bounded, since polling covers whatever does not fit.
     */
    private final TreeSet<Instant> dueTimes = new TreeSet<>();
    private volatile boolean claiming = true;
    /** Whether the last claim took fewer jobs than it asked for: the store had no more for this instance. */
    private volatile boolean drained;
    /**
     * While the claim loop waits for room: the count of held jobs at or below which a finished job wakes it
     * ({@link Integer#MIN_VALUE} when it does not wait), so that it is not woken for every job.
     */
    private volatile int wakeAtHeld = Integer.MIN_VALUE;
    /** When the claim loop last went round or woke from a wait (System.nanoTime), for liveness checks. */
    private volatile long lastRoundNanos = System.nanoTime();

    QueueDispatcher(String queue, int concurrency, Set<String> types, Map<String, TypeLimit> limits, JobStore store,
            StoreOutage outage, String owner, Duration lease, Duration pollInterval, Consumer<ClaimedJob> onClaimed,
            Consumer<ClaimedJob> worker) {
        this.queue = queue;
        this.concurrency = concurrency;
        this.types = types;
        this.limits = limits;
        this.store = store;
        this.outage = outage;
        this.owner = owner;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.onClaimed = onClaimed;
        this.worker = worker;
        this.prefetch = new Prefetch(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
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
            boolean earliest = dueTimes.isEmpty() || due.isBefore(dueTimes.first());
            dueTimes.add(due);
            if (dueTimes.size() > MAX_DUE_TIMES) {
                dueTimes.pollLast();
            }
            if (earliest) {
                wakeLock.notifyAll();
            }
        }
    }

    /**
     * How many jobs enqueued in this instance now its workers could start without a claim (see
     * {@link NewJob#owner()}): the idle workers, while the last claim found no more jobs, so that such jobs never
     * overtake jobs already waiting in the store.
     */
    int idleWorkers() {
        return claiming && drained ? Math.max(0, concurrency - held.get()) : 0;
    }

    /**
     * Runs jobs this instance wrote as taken; false when it stopped claiming (the caller releases them). Workers may
     * have become busy since {@link #idleWorkers()}: the jobs then wait for one, under their lease.
     */
    boolean runTaken(List<ClaimedJob> jobs) {
        if (!claiming) {
            return false;
        }
        dispatch(jobs);
        return true;
    }

    /** Hands jobs this instance holds to the workers, in claim order. */
    private void dispatch(List<ClaimedJob> jobs) {
        held.addAndGet(jobs.size());
        List<ClaimedJob> ordered = jobs;
        if (!inClaimOrder(jobs)) {
            ordered = new ArrayList<>(jobs);
            ordered.sort(QueueDispatcher::claimOrder);
        }
        for (ClaimedJob job : ordered) {
            onClaimed.accept(job);
            pool.execute(new ClaimedTask(job));
        }
    }

    /** Highest priority first, then earliest run time. */
    private static int claimOrder(ClaimedJob a, ClaimedJob b) {
        int byPriority = Integer.compare(b.priority(), a.priority());
        return byPriority != 0 ? byPriority : a.runAt().compareTo(b.runAt());
    }

    /** Whether the jobs are in claim order already, as most stores return them. */
    private static boolean inClaimOrder(List<ClaimedJob> jobs) {
        for (int i = 1; i < jobs.size(); i++) {
            if (claimOrder(jobs.get(i - 1), jobs.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Stops claiming and returns the claimed jobs no worker has started; running jobs go on. */
    List<ClaimedJob> stopClaiming() {
        claiming = false;
        wake();
        LockSupport.unpark(loop);
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> queued = new ArrayList<>();
        pool.getQueue().drainTo(queued);
        held.addAndGet(-queued.size());
        return queued.stream().map(task -> ((ClaimedTask) task).job).toList();
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

    /** Whether the claim loop runs, and how long ago it last went round. */
    DispatcherStatus status() {
        return new DispatcherStatus(queue, loop.isAlive(), Duration.ofNanos(System.nanoTime() - lastRoundNanos));
    }

    private void claimLoop() {
        long errorBackoffMillis = 0;
        boolean busy = false;
        while (claiming) {
            lastRoundNanos = System.nanoTime();
            int room = awaitRoom(busy);
            if (room <= 0) {
                continue;
            }
            List<ClaimedJob> jobs;
            try {
                Instant now = Instant.now();
                jobs = store.claim(queue, types, limits, room, owner, now, now.plus(lease));
                errorBackoffMillis = 0;
                outage.succeeded();
            } catch (RuntimeException e) {
                errorBackoffMillis = StoreOutage.nextBackoffMillis(errorBackoffMillis);
                outage.failed("claim jobs of queue '" + queue + "'", e);
                sleep(errorBackoffMillis);
                continue;
            }
            dispatch(jobs);
            busy = jobs.size() == room;
            drained = !busy;
            if (!busy) {
                awaitWake();
            }
        }
    }

    private void run(ClaimedJob job) {
        long start = System.nanoTime();
        try {
            worker.accept(job);
        } finally {
            prefetch.record(System.nanoTime() - start);
            if (held.decrementAndGet() <= wakeAtHeld) {
                LockSupport.unpark(loop);
            }
        }
    }

    /**
     * How many jobs to claim now: the room left under the workers plus the prefetch. While the queue is busy, waits
     * briefly for half the room, then takes what there is.
     */
    private int awaitRoom(boolean busy) {
        long deadline = System.nanoTime() + BATCHING_WINDOW_NANOS;
        try {
            while (claiming) {
                lastRoundNanos = System.nanoTime();
                int limit = concurrency + prefetch.jobs();
                int room = limit - held.get();
                boolean enough = !busy || room * 2 >= limit || System.nanoTime() >= deadline;
                if (room > 0 && enough) {
                    return room;
                }
                // Woken once half the room is free (or any, when there is none), not by every finished job.
                wakeAtHeld = room > 0 ? limit - (limit + 1) / 2 : limit - 1;
                if (limit - held.get() == room) {
                    LockSupport.parkNanos(this, room > 0 ? Math.max(0, deadline - System.nanoTime())
                            : pollInterval.toNanos());
                }
            }
            return 0;
        } finally {
            wakeAtHeld = Integer.MIN_VALUE;
        }
    }

    private void awaitWake() {
        synchronized (wakeLock) {
            Instant pollAt = Instant.now().plus(pollInterval);
            while (!woken && claiming) {
                lastRoundNanos = System.nanoTime();
                Instant now = Instant.now();
                Instant nextDue = dueTimes.isEmpty() ? null : dueTimes.first();
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
            Instant now = Instant.now();
            while (!dueTimes.isEmpty() && !dueTimes.first().isAfter(now)) {
                dueTimes.pollFirst();
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
