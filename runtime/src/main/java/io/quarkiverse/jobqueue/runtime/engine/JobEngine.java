package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.StoredProgress;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/**
 * Runs the jobs of one application instance: a dispatcher per queue, heartbeats for the leases of running jobs,
 * recovery of jobs whose worker died, pruning of succeeded jobs, timeouts and cancellation of running jobs, and
 * graceful shutdown. Everything here works the same on every store.
 */
public final class JobEngine {

    private static final Logger LOG = Logger.getLogger(JobEngine.class);
    private static final int MAINTENANCE_BATCH = 500;

    private final JobStore store;
    private final EngineSettings settings;
    private final String owner;
    private final JobRunner runner;
    private final OutcomeWriter outcomes;
    private final JobObservers observers;
    private final StoreOutage outage = new StoreOutage();
    private final Map<String, QueueDispatcher> dispatchers = new LinkedHashMap<>();
    /** Claimed jobs this engine holds the lease of, queued for a worker or running. */
    private final Map<JobId, RunningJob> held = new ConcurrentHashMap<>();
    /** The queues of finished jobs of concurrency-limited types whose outcome is not written yet, by job. */
    private final Map<JobId, String> finishedUnderLimit = new ConcurrentHashMap<>();
    private final ScheduledExecutorService maintenance;
    /** One thread for the timeouts of all running attempts. */
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<String> handledTypes;
    /** What each running job's context calls: made once, not per job. */
    private final Consumer<List<JobId>> leaseRenewal = this::renewLeases;
    private final BiConsumer<RunningJob, JobProgress> progressWriter = this::writeProgress;
    /** The types with a concurrency limit: a finished job of one may let a held-back job of its type start. */
    private final Set<String> concurrencyLimited;
    private AutoCloseable listener;

    /** @param owner this engine's name in the store: the holder of its leases, unique per instance */
    public JobEngine(JobStore store, HandlerRegistry handlers, EngineSettings settings, ObjectMapper mapper,
            String owner) {
        this(store, handlers, settings, mapper, owner, JobObservers.NONE);
    }

    /** @param observers told of every attempt's start, end and written outcome */
    public JobEngine(JobStore store, HandlerRegistry handlers, EngineSettings settings, ObjectMapper mapper,
            String owner, JobObservers observers) {
        this(store, handlers, settings, mapper, owner, observers, JobTracer.NONE);
    }

    /** @param tracer traces every attempt, in the trace of the enqueue it carries in its headers */
    public JobEngine(JobStore store, HandlerRegistry handlers, EngineSettings settings, ObjectMapper mapper,
            String owner, JobObservers observers, JobTracer tracer) {
        this.store = store;
        this.observers = observers;
        this.settings = settings;
        this.owner = owner;
        this.runner = new JobRunner(handlers, mapper, settings.backoff(), settings.retainSucceeded(), tracer);
        this.outcomes = new OutcomeWriter(store, outage, owner, this::afterWrite);
        Set<String> types = handlers.types();
        this.handledTypes = types;
        this.concurrencyLimited = settings.limits().entrySet().stream()
                .filter(limit -> limit.getValue().limitsConcurrency()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
        settings.concurrency().forEach((queue, concurrency) -> dispatchers.put(queue, new QueueDispatcher(queue,
                concurrency, types, settings.limits(), store, outage, owner, settings.lease(), settings.pollInterval(),
                this::hold, this::execute)));
        this.maintenance = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "job-queue-maintenance");
            t.setDaemon(true);
            return t;
        });
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "job-queue-watchdog");
            t.setDaemon(true);
            return t;
        });
        // Attempts that finish in time cancel their timeout: drop it at once rather than keep it until it is due.
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    public void start() {
        outcomes.start();
        dispatchers.values().forEach(QueueDispatcher::start);
        long heartbeat = settings.heartbeatInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::renewLeases, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long interval = settings.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, interval, interval, TimeUnit.MILLISECONDS);
        listener = store.listen(this::wake);
        LOG.infof("Job queue engine %s started: queues %s", owner, settings.concurrency());
    }

    /** The claim loop of each queue this engine serves: whether it runs and when it last went round. */
    public List<DispatcherStatus> dispatchers() {
        return dispatchers.values().stream().map(QueueDispatcher::status).toList();
    }

    /** Makes the dispatcher of {@code queue} look for jobs now; ignored for queues this engine does not serve. */
    public void wake(String queue) {
        QueueDispatcher dispatcher = dispatchers.get(queue);
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    /** Makes the dispatcher of {@code queue} look for jobs at {@code due}, before its next poll if that is later. */
    public void wakeAt(String queue, Instant due) {
        QueueDispatcher dispatcher = dispatchers.get(queue);
        if (dispatcher != null) {
            dispatcher.wakeAt(due);
        }
    }

    /**
     * The jobs this engine takes as they are written, so that they start at once without a claim: as many as its
     * queue has idle workers, of a type it handles without limits, due now and without a unique key (which another
     * job may hold). The others are returned as they were.
     */
    public List<NewJob> take(List<NewJob> jobs, Instant now) {
        NewJob first = jobs.get(0);
        QueueDispatcher dispatcher = dispatchers.get(first.queue());
        if (dispatcher == null || !handledTypes.contains(first.type())
                || settings.limits().getOrDefault(first.type(), TypeLimit.NONE).isLimited()) {
            return jobs;
        }
        int idle = dispatcher.idleWorkers();
        if (idle == 0) {
            return jobs;
        }
        Instant leaseUntil = now.plus(settings.lease());
        List<NewJob> taken = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            boolean takes = idle > 0 && job.uniqueKey() == null && !job.runAt().isAfter(now);
            taken.add(takes ? job.takenBy(owner, leaseUntil) : job);
            idle -= takes ? 1 : 0;
        }
        return taken;
    }

    /**
     * Runs the jobs {@link #take} took once they are written (committed). A job whose lease ran out meanwhile (a long
     * transaction) is left to the recovery of expired leases; once this engine stopped claiming, the jobs are released
     * (after its outcome writer stopped too, at the end of shutdown, they wait for their lease to expire).
     */
    public void runTaken(List<NewJob> written) {
        Instant now = Instant.now();
        List<ClaimedJob> jobs = new ArrayList<>(written.size());
        for (NewJob job : written) {
            if (owner.equals(job.owner()) && job.leaseUntil().isAfter(now)) {
                jobs.add(job.asClaimed());
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        if (!dispatchers.get(jobs.get(0).queue()).runTaken(jobs)) {
            jobs.forEach(job -> outcomes.add(job, new Outcome.Released(job.id())));
        }
    }

    /**
     * Tells the job that its cancellation was requested, if this engine holds it; other engines learn it when they
     * renew their leases.
     */
    public void cancellationRequested(JobId id) {
        RunningJob job = held.get(id);
        if (job != null) {
            job.requestCancellation();
        }
    }

    /**
     * Stops claiming, lets running jobs finish for up to the shutdown timeout, then releases the unfinished ones to
     * {@code PENDING} without counting their attempt, so that another instance takes them at once.
     */
    public void stop() {
        closeListener();
        for (QueueDispatcher dispatcher : dispatchers.values()) {
            for (ClaimedJob queued : dispatcher.stopClaiming()) {
                RunningJob job = held.remove(queued.id());
                if (job != null && job.settle()) {
                    outcomes.add(queued, unfinished(job));
                }
            }
        }
        Instant deadline = Instant.now().plus(settings.shutdownTimeout());
        try {
            for (QueueDispatcher dispatcher : dispatchers.values()) {
                dispatcher.awaitWorkers(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<RunningJob> unfinished = new ArrayList<>(held.values());
        for (RunningJob job : unfinished) {
            if (job.settle()) {
                try (JobMdc mdc = JobMdc.of(job.job())) {
                    LOG.warnf("Releasing %s: it did not finish within quarkus.job-queue.shutdown-timeout (%s)", job,
                            settings.shutdownTimeout());
                }
                outcomes.add(job.job(), unfinished(job));
                job.interrupt();
            }
        }
        dispatchers.values().forEach(QueueDispatcher::shutdownNow);
        maintenance.shutdownNow();
        watchdog.shutdownNow();
        outcomes.stop(Duration.ofSeconds(10));
        LOG.infof("Job queue engine %s stopped (%d unfinished jobs released)", owner, unfinished.size());
    }

    /** A job stopped by shutdown goes to another instance, unless it was being cancelled anyway. */
    private static Outcome unfinished(RunningJob job) {
        return job.isCancellationRequested() ? new Outcome.Cancelled(job.id(), Instant.now())
                : new Outcome.Released(job.id());
    }

    private void hold(ClaimedJob job) {
        held.put(job.id(), new RunningJob(job, leaseRenewal, progressWriter));
    }

    private void execute(ClaimedJob job) {
        RunningJob runningJob = held.get(job.id());
        runningJob.runsOn(Thread.currentThread());
        ScheduledFuture<?> timeout = job.timeout() == null ? null
                : watchdog.schedule(runningJob::timeOut, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        observers.started(job);
        long start = System.nanoTime();
        try {
            Outcome outcome = runner.run(runningJob);
            if (runningJob.settle()) {
                if (observers.any()) {
                    observers.finished(job, outcome, Duration.ofNanos(System.nanoTime() - start));
                }
                if (concurrencyLimited.contains(job.type())) {
                    finishedUnderLimit.put(job.id(), job.queue());
                }
                outcomes.add(job, outcome);
                if (outcome instanceof Outcome.Failed failed && failed.next() == JobState.RETRYING) {
                    wakeAt(job.queue(), failed.runAt());
                } else if (outcome instanceof Outcome.Released released && released.runAt() != null) {
                    wakeAt(job.queue(), released.runAt());
                }
            } else {
                try (JobMdc mdc = JobMdc.of(job)) {
                    LOG.debugf("%s finished after it was released at shutdown; its outcome is dropped", runningJob);
                }
            }
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            runningJob.runsOn(null);
            // Only this attempt: once its outcome is written, the job's next attempt may already be held here.
            held.remove(job.id(), runningJob);
            Thread.interrupted();
        }
    }

    /**
     * Tells the observers, and looks for jobs again in the queues where a job of a concurrency-limited type finished,
     * once its outcome is written: a job of its type may have been held back for it.
     */
    private void afterWrite(List<OutcomeWriter.JobOutcome> written) {
        for (OutcomeWriter.JobOutcome recorded : written) {
            if (!finishedUnderLimit.isEmpty()) {
                String queue = finishedUnderLimit.remove(recorded.job().id());
                if (queue != null) {
                    wake(queue);
                }
            }
            observers.recorded(recorded.job(), recorded.outcome());
        }
    }

    private void renewLeases() {
        renewLeases(List.copyOf(held.keySet()));
    }

    private void renewLeases(Collection<JobId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            store.renewLeases(ids, owner, Instant.now().plus(settings.lease())).forEach(this::cancellationRequested);
            outage.succeeded();
        } catch (RuntimeException e) {
            // The next heartbeat tries again; jobs may run again elsewhere if this lasts longer than the lease.
            outage.failed("renew the leases of " + ids.size() + " running jobs (they run again elsewhere if this "
                    + "lasts longer than quarkus.job-queue.lease, " + settings.lease() + ")", e);
        }
    }

    /** Stores a handler's progress, which renews its lease and tells it of a cancellation requested meanwhile. */
    private void writeProgress(RunningJob job, JobProgress progress) {
        try {
            if (store.progress(job.id(), owner, StoredProgress.format(progress), Instant.now().plus(settings.lease()))) {
                job.requestCancellation();
            }
        } catch (RuntimeException e) {
            // Progress is for people to read: a store that cannot take it now must not fail the job's work.
            try (JobMdc mdc = JobMdc.of(job.job())) {
                LOG.warnf(e, "Could not store the progress of %s; the job goes on", job);
            }
        }
    }

    private void maintain() {
        try {
            recoverExpiredLeases();
            pruneSucceeded();
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("run maintenance (it runs again in " + settings.maintenanceInterval() + ")", e);
        }
    }

    /** Records the lost attempt of every job whose worker stopped renewing its lease; they retry at once. */
    void recoverExpiredLeases() {
        List<ClaimedJob> expired;
        do {
            Instant now = Instant.now();
            expired = store.takeExpired(MAINTENANCE_BATCH, owner, now, now.plus(settings.lease()));
            if (!expired.isEmpty()) {
                List<Outcome> lost = expired.stream().map(runner::leaseExpired).toList();
                store.record(lost, owner);
                for (int i = 0; i < expired.size(); i++) {
                    wake(expired.get(i).queue());
                    observers.recorded(expired.get(i), lost.get(i));
                }
            }
        } while (expired.size() == MAINTENANCE_BATCH);
    }

    private void pruneSucceeded() {
        if (settings.retainSucceeded().isZero()) {
            return;
        }
        Instant before = Instant.now().minus(settings.retainSucceeded());
        int pruned;
        do {
            pruned = store.pruneSucceeded(before, MAINTENANCE_BATCH);
        } while (pruned == MAINTENANCE_BATCH);
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (Exception e) {
                LOG.warn("Could not stop listening for job notifications", e);
            }
        }
    }
}
