package io.quarkiverse.jobqueue.event;

import io.quarkiverse.jobqueue.JobInfo;

/**
 * A running job stopped because its cancellation was requested.
 *
 * @param job the job as stored, {@code CANCELLED}
 */
public record JobCancelled(JobInfo job) {
}
