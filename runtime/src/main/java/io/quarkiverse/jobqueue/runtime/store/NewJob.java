package io.quarkiverse.jobqueue.runtime.store;

import java.time.Duration;
import java.time.Instant;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobState;

/**
 * A job about to be written by {@link JobStore#insert}.
 *
 * @param timeout how long one attempt may run, or {@code null} for no limit; stored with the job, since another
 *        instance may run it
 */
public record NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt,
        Instant createdAt, String payload, Duration timeout) {

    /** {@code SCHEDULED} when it waits for a later run time, else {@code PENDING}. */
    public JobState initialState() {
        return runAt.isAfter(createdAt) ? JobState.SCHEDULED : JobState.PENDING;
    }
}
