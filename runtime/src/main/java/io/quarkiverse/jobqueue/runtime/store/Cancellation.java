package io.quarkiverse.jobqueue.runtime.store;

/** What {@link JobStore#cancel} did to the job. */
public enum Cancellation {
    /** The job was waiting (SCHEDULED, PENDING or RETRYING) and is CANCELLED now. */
    CANCELLED,
    /** The job is RUNNING: the request is recorded for its lease holder, which ends it CANCELLED. */
    REQUESTED,
    /** The job does not exist or has ended: nothing changed. */
    NONE
}
