package io.quarkiverse.jobqueue.runtime.store;

import java.time.Duration;
import java.time.Instant;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobState;

/**
 * A job about to be written by {@link JobStore#insert}.
 *
 * @param payloadVersion the version of the payload's shape, stored with the job and returned by a claim
 * @param uniqueKey the key no other active job may hold, or {@code null}
 * @param timeout how long one attempt may run, or {@code null} for no limit; stored with the job, since another
 *        instance may run it
 * @param headers what the engine carries with the job to its attempts (e.g. the trace context), as one opaque
 *        text the store keeps as it is, or {@code null}
 * @param owner the engine that takes the job as it is written, to run it at once, or {@code null}: the job is then
 *        written {@code RUNNING} in its first attempt, started at its creation, with this owner's lease until
 *        {@code leaseUntil}, as if claimed
 */
public record NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt,
        Instant createdAt, String payload, int payloadVersion, String uniqueKey, Duration timeout, String headers,
        String owner, Instant leaseUntil) {

    /** A job no engine takes as it is written: a claim will. */
    public NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt, Instant createdAt,
            String payload, int payloadVersion, String uniqueKey, Duration timeout, String headers) {
        this(id, type, queue, priority, maxAttempts, runAt, createdAt, payload, payloadVersion, uniqueKey, timeout,
                headers, null, null);
    }

    /** A job with a payload of version 1, without a unique key, a timeout of its own nor headers. */
    public NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt, Instant createdAt,
            String payload) {
        this(id, type, queue, priority, maxAttempts, runAt, createdAt, payload, 1, null, null, null);
    }

    /** The same job, taken by {@code owner} as it is written. */
    public NewJob takenBy(String owner, Instant leaseUntil) {
        return new NewJob(id, type, queue, priority, maxAttempts, runAt, createdAt, payload, payloadVersion, uniqueKey,
                timeout, headers, owner, leaseUntil);
    }

    /**
     * {@code RUNNING} when an engine takes it, {@code SCHEDULED} when it waits for a later run time, else
     * {@code PENDING}.
     */
    public JobState initialState() {
        return owner != null ? JobState.RUNNING : runAt.isAfter(createdAt) ? JobState.SCHEDULED : JobState.PENDING;
    }

    /** 1 for a job an engine takes (it starts its first attempt as it is written), else 0. */
    public int initialAttempt() {
        return owner != null ? 1 : 0;
    }

    /** When a taken job's first attempt starts: at its creation; {@code null} for a job not taken. */
    public Instant startedAt() {
        return owner != null ? createdAt : null;
    }

    /** The attempt a taken job starts, as a claim would return it. */
    public ClaimedJob asClaimed() {
        return new ClaimedJob(id, type, queue, priority, initialAttempt(), maxAttempts, runAt, createdAt, startedAt(),
                payload, null, payloadVersion, timeout, false, headers);
    }
}
