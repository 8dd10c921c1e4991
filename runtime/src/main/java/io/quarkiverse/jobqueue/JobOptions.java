package io.quarkiverse.jobqueue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to enqueue a job. Immutable: every method returns a new instance.
 *
 * <pre>
 * JobOptions.defaults().queue("images").priority(10).delay(Duration.ofMinutes(5))
 * </pre>
 */
public final class JobOptions {

    /** The queue of handlers that name none. */
    public static final String DEFAULT_QUEUE = "default";

    /** The longest {@link #uniqueKey(String)}, in characters: the JDBC stores' column holds this many. */
    public static final int MAX_UNIQUE_KEY_LENGTH = 255;

    private static final JobOptions DEFAULTS = new JobOptions(null, 0, null, null, null, null, null);

    private final String queue;
    private final int priority;
    private final Duration delay;
    private final Instant runAt;
    private final Integer maxAttempts;
    private final String uniqueKey;
    private final Duration timeout;

    private JobOptions(String queue, int priority, Duration delay, Instant runAt, Integer maxAttempts,
            String uniqueKey, Duration timeout) {
        this.queue = queue;
        this.priority = priority;
        this.delay = delay;
        this.runAt = runAt;
        this.maxAttempts = maxAttempts;
        this.uniqueKey = uniqueKey;
        this.timeout = timeout;
    }

    /** The handler's queue and attempts, priority 0, run now. */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    /** Sends the job to this queue instead of its handler's. */
    public JobOptions queue(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("A queue name must not be null or blank: pass a name such as \""
                    + DEFAULT_QUEUE + "\", or leave the queue unset to use the handler's queue");
        }
        return new JobOptions(queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout);
    }

    /** Jobs with a higher priority run first; ties run in order of their run time. Default 0. */
    public JobOptions priority(int priority) {
        return new JobOptions(queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout);
    }

    /** Runs the job no earlier than this long after it is enqueued. Replaces {@link #runAt(Instant)}. */
    public JobOptions delay(Duration delay) {
        Objects.requireNonNull(delay, "delay must not be null: use Duration.ZERO to run now");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The delay " + delay + " is negative: use Duration.ZERO or more, "
                    + "or runAt(Instant) to give a point in time");
        }
        return new JobOptions(queue, priority, delay, null, maxAttempts, uniqueKey, timeout);
    }

    /** Runs the job no earlier than this instant; an instant in the past means now. Replaces {@link #delay(Duration)}. */
    public JobOptions runAt(Instant runAt) {
        Objects.requireNonNull(runAt, "runAt must not be null: leave it unset to run now");
        return new JobOptions(queue, priority, null, runAt, maxAttempts, uniqueKey, timeout);
    }

    /** How many attempts the job gets before it ends {@link JobState#DEAD}; overrides the handler's. */
    public JobOptions maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is " + maxAttempts + ": a job needs at least 1 attempt");
        }
        return new JobOptions(queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout);
    }

    /**
     * Makes the job unique: while a job with this key is {@code SCHEDULED}, {@code PENDING}, {@code RUNNING} or
     * {@code RETRYING}, enqueueing another one writes nothing and returns the id of the existing job. Once that job
     * has succeeded, died or been cancelled, the key is free again. The store enforces it atomically, so it holds
     * across instances enqueueing at the same time. Keys are shared by all job types and queues: include the type
     * in the key when two types could use the same one.
     *
     * @param uniqueKey 1 to {@value #MAX_UNIQUE_KEY_LENGTH} characters, not blank
     */
    public JobOptions uniqueKey(String uniqueKey) {
        if (uniqueKey == null || uniqueKey.isBlank()) {
            throw new IllegalArgumentException("A unique key must not be null or blank: pass a key that names the "
                    + "work, such as \"invoice-42\", or leave it unset to allow duplicates");
        }
        if (uniqueKey.length() > MAX_UNIQUE_KEY_LENGTH) {
            throw new IllegalArgumentException("The unique key '" + uniqueKey.substring(0, 40) + "...' is "
                    + uniqueKey.length() + " characters long, over the limit of " + MAX_UNIQUE_KEY_LENGTH
                    + ": use a shorter key, e.g. a hash of the long one");
        }
        return new JobOptions(queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout);
    }

    /**
     * How long one attempt may run; a longer one is interrupted and counts as failed (then retried). Overrides the
     * handler's {@code timeout} and {@code quarkus.job-queue.timeout}.
     */
    public JobOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null: leave it unset for the handler's timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout " + timeout + " is not positive: give an attempt more "
                    + "than zero time, e.g. Duration.ofSeconds(30), or leave it unset for the handler's timeout");
        }
        return new JobOptions(queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout);
    }

    /** The queue set here, or {@code null} for the handler's. */
    public String queue() {
        return queue;
    }

    public int priority() {
        return priority;
    }

    /** The delay set here, or {@code null}. */
    public Duration delay() {
        return delay;
    }

    /** The run time set here, or {@code null}. */
    public Instant runAt() {
        return runAt;
    }

    /** The attempts set here, or {@code null} for the handler's. */
    public Integer maxAttempts() {
        return maxAttempts;
    }

    /** The unique key set here, or {@code null}. */
    public String uniqueKey() {
        return uniqueKey;
    }

    /** The timeout set here, or {@code null} for the handler's. */
    public Duration timeout() {
        return timeout;
    }

    /** The instant the job becomes runnable when enqueued at {@code now}. */
    public Instant runAtFrom(Instant now) {
        if (runAt != null) {
            return runAt.isBefore(now) ? now : runAt;
        }
        return delay == null ? now : now.plus(delay);
    }

    @Override
    public String toString() {
        return "JobOptions[queue=" + queue + ", priority=" + priority + ", delay=" + delay + ", runAt=" + runAt
                + ", maxAttempts=" + maxAttempts + ", uniqueKey=" + uniqueKey + ", timeout=" + timeout + "]";
    }
}
