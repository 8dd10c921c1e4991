package io.quarkiverse.jobqueue;

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
        String uniqueKey) {
}
