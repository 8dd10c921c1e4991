package io.quarkiverse.jobqueue.event;

import java.time.Instant;

import io.quarkiverse.jobqueue.JobInfo;

/**
 * An attempt of a job failed and the job will be retried; its last attempt failing is {@link JobDead} instead.
 *
 * @param job the job as stored, {@code RETRYING}, with the failed attempt in its history
 * @param error the exception class and message of the failed attempt (or why it was lost, for an expired lease)
 * @param nextRunAt when the next attempt runs at the earliest
 */
public record JobAttemptFailed(JobInfo job, String error, Instant nextRunAt) {
}
