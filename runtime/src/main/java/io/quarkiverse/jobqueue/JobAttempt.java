package io.quarkiverse.jobqueue;

import java.time.Instant;

/**
 * One failed attempt of a job, as kept in its history.
 *
 * @param attempt the attempt number, starting at 1
 * @param startedAt when the attempt started
 * @param failedAt when the attempt was recorded as failed
 * @param error the exception class and message
 * @param stackTrace the stack trace, or {@code null} when the failure had none (an expired lease)
 */
public record JobAttempt(int attempt, Instant startedAt, Instant failedAt, String error, String stackTrace) {
}
