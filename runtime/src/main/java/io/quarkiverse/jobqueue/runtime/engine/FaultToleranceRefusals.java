package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkiverse.jobqueue.runtime.OptionalClasses;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * Recognises a handler call that SmallRye Fault Tolerance refused to make (an open {@code @CircuitBreaker}, an
 * exceeded {@code @RateLimit}): the job did not run, so it is rescheduled without using an attempt. Fault Tolerance
 * is an optional dependency: its classes are touched only when they are on the class path.
 */
final class FaultToleranceRefusals {

    private static final boolean PRESENT = OptionalClasses.isPresent("org.eclipse.microprofile.faulttolerance"
            + ".exceptions.CircuitBreakerOpenException", FaultToleranceRefusals.class)
            && OptionalClasses.isPresent("io.smallrye.faulttolerance.api.RateLimitException", FaultToleranceRefusals.class);

    private FaultToleranceRefusals() {
    }

    /**
     * When {@code error} is a refusal, how long to wait before running again: the rate limit's own wait when it
     * gives one, else {@code fallback}; {@code null} for any other error.
     */
    static Duration retryAfter(Throwable error, Duration fallback) {
        return PRESENT ? Classes.retryAfter(error, fallback) : null;
    }

    /** Loaded only when Fault Tolerance is present. */
    private static final class Classes {

        static Duration retryAfter(Throwable error, Duration fallback) {
            if (error instanceof CircuitBreakerOpenException) {
                return fallback;
            }
            if (error instanceof RateLimitException rateLimit) {
                return rateLimit.getRetryAfterMillis() > 0 ? Duration.ofMillis(rateLimit.getRetryAfterMillis())
                        : fallback;
            }
            return null;
        }
    }
}
