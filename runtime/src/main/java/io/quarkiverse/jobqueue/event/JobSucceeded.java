package io.quarkiverse.jobqueue.event;

import io.quarkiverse.jobqueue.JobInfo;

/**
 * A job succeeded: its handler returned.
 *
 * @param job the job as stored, {@code SUCCEEDED}, with its {@link JobInfo#result() result}
 */
public record JobSucceeded(JobInfo job) {
}
