package io.quarkiverse.jobqueue.runtime.store;

import java.time.Duration;
import java.time.Instant;

import io.quarkiverse.jobqueue.JobId;

/**
 * A job a worker holds the lease of.
 *
 * @param attempt the number of the attempt this claim starts (1-based)
 * @param startedAt when this attempt was claimed
 * @param attempts the history of failed attempts as stored (JSON), or {@code null}
 * @param payloadVersion the version the payload was enqueued with
 * @param timeout how long the attempt may run, or {@code null} for no limit
 * @param cancelRequested whether cancellation was requested while the job ran (e.g. before its worker died)
 * @param headers the {@link NewJob#headers() headers} the job was enqueued with, or {@code null}
 */
public record ClaimedJob(JobId id, String type, String queue, int priority, int attempt, int maxAttempts,
        Instant runAt, Instant createdAt, Instant startedAt, String payload, String attempts, int payloadVersion,
        Duration timeout, boolean cancelRequested, String headers) {
}
