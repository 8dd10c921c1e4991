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
 */
public record NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt,
        Instant createdAt, String payload, int payloadVersion, String uniqueKey, Duration timeout) {

    /** A job with a payload of version 1, without a unique key nor a timeout of its own. */
    public NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt, Instant createdAt,
            String payload) {
        this(id, type, queue, priority, maxAttempts, runAt, createdAt, payload, 1, null, null);
    }

    /** {@code SCHEDULED} when it waits for a later run time, else {@code PENDING}. */
    public JobState initialState() {
        return runAt.isAfter(createdAt) ? JobState.SCHEDULED : JobState.PENDING;
    }
}
