package io.quarkiverse.jobqueue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one job.
 *
 * @param attempt the number of attempts started so far
 * @param lastError the error of the latest failed attempt, or {@code null}
 * @param attempts the failed attempts, oldest first
 * @param payload the payload as JSON
 * @param payloadVersion the payload version the job was enqueued with ({@link JobHandler#version()})
 * @param uniqueKey the {@link JobOptions#uniqueKey(String) unique key}, or {@code null}
 * @param timeout how long one attempt may run, or {@code null} for no limit
 * @param cancelRequestedAt when cancellation of the running job was requested, or {@code null}
 * @param progress what the handler last reported, or {@code null}
 * @param result what the handler returned, as JSON, or {@code null}; kept as long as the succeeded job is
 */
public record JobInfo(
        JobId id,
        String type,
        String queue,
        JobState state,
        int priority,
        int attempt,
        int maxAttempts,
        Instant runAt,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String lastError,
        List<JobAttempt> attempts,
        String payload,
        int payloadVersion,
        String uniqueKey,
        Duration timeout,
        Instant cancelRequestedAt,
        JobProgress progress,
        String result) {
}
