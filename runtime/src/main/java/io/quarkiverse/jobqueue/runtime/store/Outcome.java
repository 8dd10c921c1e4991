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

    /**
     * The attempt did not use up an attempt: the job runs again, its attempt not counted. Stopped by shutdown, it goes
     * back to {@code PENDING} now ({@code runAt} null); refused by an open circuit breaker or a rate limit, it goes to
     * {@code SCHEDULED} at {@code runAt}.
     */
    record Released(JobId id, Instant runAt) implements Outcome {

        /** Back to {@code PENDING} now. */
        public Released(JobId id) {
            this(id, null);
        }
    }
}
