package io.quarkiverse.jobqueue.runtime.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: the delay after failed attempt {@code n} is uniform in
 * {@code [0, min(max, initial * 2^(n-1))]}, so that many jobs failing together do not retry together.
 */
public final class BackoffPolicy {

    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator random;

    public BackoffPolicy(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @param random returns a value in {@code [0, bound]} */
    BackoffPolicy(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The upper bound of the delay after failed attempt {@code attempt} (1-based). */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long ceiling = initialMillis > (maxMillis >> doublings) ? maxMillis : initialMillis << doublings;
        return Duration.ofMillis(Math.min(ceiling, maxMillis));
    }

    /** A random delay within {@link #ceiling(int)}. */
    public Duration delayAfter(int attempt) {
        return Duration.ofMillis(random.applyAsLong(ceiling(attempt).toMillis()));
    }
}
