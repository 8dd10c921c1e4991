package io.quarkiverse.jobqueue;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting for its run time. */
    SCHEDULED,
    /** Ready to run. */
    PENDING,
    /** Claimed by a worker that holds its lease. */
    RUNNING,
    /** Failed, waiting for its next attempt. */
    RETRYING,
    /** Finished successfully. */
    SUCCEEDED,
    /** Failed for good; kept until someone replays or deletes it. */
    DEAD,
    /** Cancelled before it ran, or while it ran once its handler stopped at the request. */
    CANCELLED;

    /** Whether the job will still run without anyone acting on it. */
    public boolean isActive() {
        return this == SCHEDULED || this == PENDING || this == RUNNING || this == RETRYING;
    }
}
