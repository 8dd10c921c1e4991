package io.quarkiverse.jobqueue.runtime.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The cluster-wide limits of one job type, which a claim keeps atomically: at most {@code maxConcurrency} jobs of the
 * type {@code RUNNING} at once, and at most {@code rateLimit} starts (claims) in each fixed window of
 * {@code ratePeriod}. A window opens with the first start after the previous one ended and lives in the store, so
 * that every instance counts in the same one.
 *
 * @param maxConcurrency the most jobs of the type running at once; {@code 0} for no limit
 * @param rateLimit the most starts per window; {@code 0} for no limit
 * @param ratePeriod the length of a window; {@code null} without a rate limit
 */
public record TypeLimit(int maxConcurrency, int rateLimit, Duration ratePeriod) {

    public static final TypeLimit NONE = new TypeLimit(0, 0, null);

    /** The rate window a store holds for a type: when it opened and how many jobs started in it. */
    public record Window(Instant start, int starts) {
    }

    public boolean isLimited() {
        return maxConcurrency > 0 || rateLimit > 0;
    }

    public boolean limitsConcurrency() {
        return maxConcurrency > 0;
    }

    public boolean limitsRate() {
        return rateLimit > 0;
    }

    /**
     * How many jobs of the type may start at {@code now}, with {@code running} of them running and {@code window}
     * the stored rate window ({@code null} when none opened yet).
     */
    public int allowedStarts(long running, Window window, Instant now) {
        long allowed = Integer.MAX_VALUE;
        if (limitsConcurrency()) {
            allowed = Math.max(0, maxConcurrency - running);
        }
        if (limitsRate()) {
            allowed = Math.min(allowed, opensWindow(window, now) ? rateLimit : Math.max(0, rateLimit - window.starts()));
        }
        return (int) allowed;
    }

    /** The rate window to store after {@code started} jobs started at {@code now}. */
    public Window afterStarts(Window window, int started, Instant now) {
        return opensWindow(window, now) ? new Window(now, started) : new Window(window.start(), window.starts() + started);
    }

    private boolean opensWindow(Window window, Instant now) {
        return window == null || window.start() == null || !now.isBefore(window.start().plus(ratePeriod));
    }
}
