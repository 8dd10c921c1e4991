package io.quarkiverse.jobqueue.runtime.store;

import java.time.Instant;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobState;

/** A job about to be written by {@link JobStore#insert}. */
public record NewJob(JobId id, String type, String queue, int priority, int maxAttempts, Instant runAt,
        Instant createdAt, String payload) {

    /** {@code SCHEDULED} when it waits for a later run time, else {@code PENDING}. */
    public JobState initialState() {
        return runAt.isAfter(createdAt) ? JobState.SCHEDULED : JobState.PENDING;
    }
}
