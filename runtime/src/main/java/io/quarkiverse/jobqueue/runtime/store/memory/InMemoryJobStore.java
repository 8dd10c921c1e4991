package io.quarkiverse.jobqueue.runtime.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.StoredProgress;
import io.quarkiverse.jobqueue.runtime.store.StoredState;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/**
 * Jobs in the memory of this JVM, for application tests and prototypes ({@code quarkus.job-queue.store=memory}).
 * It keeps the same contract as the JDBC store, under one lock, but it is <strong>not durable</strong>: every job is
 * lost when the application stops. It has no transactions and <strong>does not join the caller's JTA
 * transaction</strong>: {@link #insert} makes the jobs visible at once and runs {@code afterCommit} before returning,
 * so a job enqueued in a transaction that later rolls back stays enqueued. Only this JVM's workers see the jobs; the
 * engine's own wake-ups on enqueue stand in for notifications.
 */
@Singleton
public class InMemoryJobStore implements JobStore {

    private static final Set<JobState> RUNNABLE = Set.of(JobState.SCHEDULED, JobState.PENDING, JobState.RETRYING);

    /** Highest priority first, then earliest run time; the id (time-ordered) breaks ties. */
    private static final Comparator<Job> CLAIM_ORDER = Comparator.<Job> comparingInt(job -> -job.priority)
            .thenComparing(job -> job.runAt).thenComparing(job -> job.id.toString());

    /** Newest first, by creation time then id, as the JDBC store lists. */
    private static final Comparator<Job> LIST_ORDER = Comparator.<Job, Instant> comparing(job -> job.createdAt)
            .thenComparing(job -> job.id.toString()).reversed();

    private final Object lock = new Object();
    private final Map<JobId, Job> jobs = new HashMap<>();
    /** The rate window of each rate-limited type. */
    private final Map<String, TypeLimit.Window> windows = new HashMap<>();

    @Override
    public List<JobId> insert(List<NewJob> newJobs, Runnable afterCommit) {
        List<JobId> holders = new ArrayList<>(newJobs.size());
        synchronized (lock) {
            Set<JobId> ids = new HashSet<>();
            for (NewJob job : newJobs) {
                if (jobs.containsKey(job.id()) || !ids.add(job.id())) {
                    throw new JobStoreException("A job with the id " + job.id() + " already exists; no job of the "
                            + "batch was written", null);
                }
            }
            Map<String, JobId> keyHolders = new HashMap<>();
            for (NewJob job : newJobs) {
                JobId holder = job.uniqueKey() == null ? null
                        : keyHolders.computeIfAbsent(job.uniqueKey(), this::activeHolder);
                if (holder == null) {
                    jobs.put(job.id(), new Job(job));
                    holder = job.id();
                    if (job.uniqueKey() != null) {
                        keyHolders.put(job.uniqueKey(), holder);
                    }
                }
                holders.add(holder);
            }
        }
        // Outside the lock: afterCommit may read the store from another thread.
        afterCommit.run();
        return holders;
    }

    /** The active job holding this unique key, or {@code null}. */
    private JobId activeHolder(String uniqueKey) {
        for (Job job : jobs.values()) {
            if (uniqueKey.equals(job.uniqueKey) && job.state.isActive()) {
                return job.id;
            }
        }
        return null;
    }

    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits, int limit,
            String owner, Instant now, Instant leaseUntil) {
        if (types.isEmpty() || limit < 1) {
            return List.of();
        }
        Set<String> wanted = Set.copyOf(types);
        synchronized (lock) {
            List<Job> runnable = new ArrayList<>();
            for (Job job : jobs.values()) {
                if (job.queue.equals(queue) && RUNNABLE.contains(job.state) && !job.runAt.isAfter(now)
                        && wanted.contains(job.type)) {
                    runnable.add(job);
                }
            }
            runnable.sort(CLAIM_ORDER);
            Map<String, Integer> allowed = allowedStarts(wanted, limits, now);
            List<ClaimedJob> claimed = new ArrayList<>();
            for (Job job : runnable) {
                if (claimed.size() == limit) {
                    break;
                }
                Integer left = allowed.get(job.type);
                if (left != null) {
                    if (left == 0) {
                        continue;
                    }
                    allowed.put(job.type, left - 1);
                    TypeLimit typeLimit = limits.get(job.type);
                    if (typeLimit.limitsRate()) {
                        windows.put(job.type, typeLimit.afterStarts(windows.get(job.type), 1, now));
                    }
                }
                job.state = JobState.RUNNING;
                job.attempt++;
                job.startedAt = now;
                job.leaseOwner = owner;
                job.leaseExpiresAt = leaseUntil;
                claimed.add(job.toClaimed());
            }
            return claimed;
        }
    }

    /** How many jobs of each limited type among {@code types} may start now; unlimited types are missing. */
    private Map<String, Integer> allowedStarts(Set<String> types, Map<String, TypeLimit> limits, Instant now) {
        Map<String, Integer> allowed = new HashMap<>();
        for (String type : types) {
            TypeLimit typeLimit = limits.get(type);
            if (typeLimit != null && typeLimit.isLimited()) {
                long running = typeLimit.limitsConcurrency() ? jobs.values().stream()
                        .filter(job -> job.state == JobState.RUNNING && job.type.equals(type)).count() : 0;
                allowed.put(type, typeLimit.allowedStarts(running, windows.get(type), now));
            }
        }
        return allowed;
    }

    @Override
    public List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        synchronized (lock) {
            List<Job> expired = new ArrayList<>();
            for (Job job : jobs.values()) {
                if (job.state == JobState.RUNNING && job.leaseExpiresAt.isBefore(now)) {
                    expired.add(job);
                }
            }
            expired.sort(Comparator.comparing(job -> job.leaseExpiresAt));
            List<ClaimedJob> taken = new ArrayList<>();
            for (Job job : expired.subList(0, Math.min(limit, expired.size()))) {
                job.leaseOwner = owner;
                job.leaseExpiresAt = leaseUntil;
                taken.add(job.toClaimed());
            }
            return taken;
        }
    }

    @Override
    public Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil) {
        Set<JobId> cancelRequested = new HashSet<>();
        synchronized (lock) {
            for (JobId id : ids) {
                Job job = held(id, owner);
                if (job != null) {
                    job.leaseExpiresAt = leaseUntil;
                    if (job.cancelRequestedAt != null) {
                        cancelRequested.add(id);
                    }
                }
            }
        }
        return cancelRequested;
    }

    @Override
    public boolean progress(JobId id, String owner, String progress, Instant leaseUntil) {
        synchronized (lock) {
            Job job = held(id, owner);
            if (job == null) {
                return false;
            }
            job.progress = progress;
            job.leaseExpiresAt = leaseUntil;
            return job.cancelRequestedAt != null;
        }
    }

    @Override
    public void record(List<Outcome> outcomes, String owner) {
        synchronized (lock) {
            for (Outcome outcome : outcomes) {
                Job job = held(outcome.id(), owner);
                if (job == null) {
                    continue;
                }
                if (outcome instanceof Outcome.Succeeded succeeded) {
                    if (!succeeded.retain()) {
                        jobs.remove(job.id);
                        continue;
                    }
                    job.state = JobState.SUCCEEDED;
                    job.finishedAt = succeeded.finishedAt();
                    job.result = succeeded.result();
                } else if (outcome instanceof Outcome.Cancelled cancelled) {
                    job.state = JobState.CANCELLED;
                    job.finishedAt = cancelled.finishedAt();
                } else if (outcome instanceof Outcome.Failed failed) {
                    job.state = failed.next();
                    job.runAt = failed.runAt();
                    job.finishedAt = failed.finishedAt();
                    job.lastError = failed.lastError();
                    job.attempts = failed.attempts();
                } else if (outcome instanceof Outcome.Released released) {
                    job.state = JobState.PENDING;
                    if (released.runAt() != null) {
                        job.state = JobState.SCHEDULED;
                        job.runAt = released.runAt();
                    }
                    job.attempt--;
                }
                job.leaseOwner = null;
                job.leaseExpiresAt = null;
            }
        }
    }

    /** The job if {@code owner} holds its lease; a lease owner is set exactly while a job is {@code RUNNING}. */
    private Job held(JobId id, String owner) {
        Job job = jobs.get(id);
        return job != null && owner.equals(job.leaseOwner) ? job : null;
    }

    @Override
    public Optional<JobInfo> find(JobId id, Instant now) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(id)).map(job -> job.toInfo(now));
        }
    }

    @Override
    public Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now) {
        synchronized (lock) {
            return jobs.values().stream().filter(job -> uniqueKey.equals(job.uniqueKey)).min(LIST_ORDER)
                    .map(job -> job.toInfo(now));
        }
    }

    @Override
    public List<JobInfo> list(JobState state, String queue, int limit, Instant now) {
        synchronized (lock) {
            List<Job> matching = new ArrayList<>();
            for (Job job : jobs.values()) {
                if ((queue == null || job.queue.equals(queue))
                        && (state == null || job.effectiveState(now) == state)) {
                    matching.add(job);
                }
            }
            matching.sort(LIST_ORDER);
            return matching.stream().limit(Math.max(0, limit)).map(job -> job.toInfo(now)).toList();
        }
    }

    @Override
    public Map<JobState, Long> stats(String queue, Instant now) {
        synchronized (lock) {
            Map<JobState, Long> stats = new EnumMap<>(JobState.class);
            for (Job job : jobs.values()) {
                if (queue == null || job.queue.equals(queue)) {
                    stats.merge(job.effectiveState(now), 1L, Long::sum);
                }
            }
            return stats;
        }
    }

    @Override
    public Cancellation cancel(JobId id, Instant now) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job != null && job.state == JobState.RUNNING) {
                if (job.cancelRequestedAt == null) {
                    job.cancelRequestedAt = now;
                }
                return Cancellation.REQUESTED;
            }
            if (job == null || !RUNNABLE.contains(job.state)) {
                return Cancellation.NONE;
            }
            job.state = JobState.CANCELLED;
            job.finishedAt = now;
            return Cancellation.CANCELLED;
        }
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job == null || (job.state != JobState.DEAD && job.state != JobState.CANCELLED)
                    || (job.uniqueKey != null && activeHolder(job.uniqueKey) != null)) {
                return false;
            }
            job.state = JobState.PENDING;
            job.attempt = 0;
            job.runAt = now;
            job.startedAt = null;
            job.finishedAt = null;
            job.cancelRequestedAt = null;
            job.progress = null;
            job.result = null;
            return true;
        }
    }

    @Override
    public boolean delete(JobId id) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job == null || job.state == JobState.RUNNING) {
                return false;
            }
            jobs.remove(id);
            return true;
        }
    }

    @Override
    public int pruneSucceeded(Instant finishedBefore, int limit) {
        synchronized (lock) {
            List<Job> prunable = new ArrayList<>();
            for (Job job : jobs.values()) {
                if (job.state == JobState.SUCCEEDED && job.finishedAt.isBefore(finishedBefore)) {
                    prunable.add(job);
                }
            }
            // Oldest first, by id as the JDBC store walks its primary key.
            prunable.sort(Comparator.comparing(job -> job.id.toString()));
            int pruned = 0;
            for (Iterator<Job> it = prunable.iterator(); it.hasNext() && pruned < limit; pruned++) {
                jobs.remove(it.next().id);
            }
            return pruned;
        }
    }

    /** One stored job; read and written only under the store's lock. */
    private static final class Job {
        final JobId id;
        final String type;
        final String queue;
        final int priority;
        final int maxAttempts;
        final Instant createdAt;
        final String payload;
        final int payloadVersion;
        final String uniqueKey;
        final Duration timeout;
        final String headers;
        JobState state;
        int attempt;
        Instant runAt;
        Instant startedAt;
        Instant finishedAt;
        String leaseOwner;
        Instant leaseExpiresAt;
        String lastError;
        String attempts;
        Instant cancelRequestedAt;
        String progress;
        String result;

        Job(NewJob job) {
            this.id = job.id();
            this.type = job.type();
            this.queue = job.queue();
            this.priority = job.priority();
            this.maxAttempts = job.maxAttempts();
            this.createdAt = job.createdAt();
            this.payload = job.payload();
            this.payloadVersion = job.payloadVersion();
            this.uniqueKey = job.uniqueKey();
            this.timeout = job.timeout();
            this.headers = job.headers();
            this.state = job.initialState();
            this.runAt = job.runAt();
            this.attempt = job.initialAttempt();
            this.startedAt = job.startedAt();
            this.leaseOwner = job.owner();
            this.leaseExpiresAt = job.leaseUntil();
        }

        JobState effectiveState(Instant now) {
            return StoredState.effective(state, runAt, now);
        }

        ClaimedJob toClaimed() {
            return new ClaimedJob(id, type, queue, priority, attempt, maxAttempts, runAt, createdAt, startedAt,
                    payload, attempts, payloadVersion, timeout, cancelRequestedAt != null, headers);
        }

        JobInfo toInfo(Instant now) {
            return new JobInfo(id, type, queue, effectiveState(now), priority, attempt, maxAttempts, runAt, createdAt,
                    startedAt, finishedAt, lastError, AttemptHistory.parse(attempts), payload, payloadVersion,
                    uniqueKey, timeout, cancelRequestedAt, StoredProgress.parse(progress), result);
        }
    }

    @Override
    public Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now) {
        synchronized (lock) {
            return jobs.values().stream()
                    .filter(job -> job.queue.equals(queue) && types.contains(job.type) && RUNNABLE.contains(job.state)
                            && !job.runAt.isAfter(now))
                    .map(job -> job.runAt).min(Comparator.naturalOrder());
        }
    }
}
