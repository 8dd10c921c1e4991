package io.quarkiverse.jobqueue.runtime.store;

import java.time.Instant;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobState;

/** What became of a claimed job; written by {@link JobStore#record} only while the writer still holds the lease. */
public sealed interface Outcome {

    JobId id();

    /**
     * The handler succeeded; {@code retain} false deletes the job at once.
     *
     * @param result what the handler returned, as JSON, or {@code null}
     */
    record Succeeded(JobId id, Instant finishedAt, boolean retain, String result) implements Outcome {
    }

    /** The attempt stopped because cancellation was requested: the job ends {@code CANCELLED}. */
    record Cancelled(JobId id, Instant finishedAt) implements Outcome {
    }

    /**
     * The attempt failed: the job goes to {@code RETRYING} at {@code runAt}, or to {@code DEAD}.
     *
     * @param attempts the whole history including this attempt (JSON)
     */
    record Failed(JobId id, JobState next, Instant runAt, Instant finishedAt, String lastError, String attempts)
            implements Outcome {
        public Failed {
            if (next != JobState.RETRYING && next != JobState.DEAD) {
                throw new IllegalArgumentException("A failed attempt leads to RETRYING or DEAD, not " + next);
            }
        }
    }

    /** The attempt was stopped by shutdown: back to {@code PENDING} now, the attempt not counted. */
    record Released(JobId id) implements Outcome {
    }
}
