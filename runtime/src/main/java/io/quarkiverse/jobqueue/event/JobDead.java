package io.quarkiverse.jobqueue.event;

import io.quarkiverse.jobqueue.JobInfo;

/**
 * A job failed for good: its last attempt failed, or it could not be run at all. It stays {@code DEAD} until replayed
 * or deleted.
 *
 * @param job the job as stored, {@code DEAD}, with its {@link JobInfo#lastError() last error} and history
 */
public record JobDead(JobInfo job) {
}
