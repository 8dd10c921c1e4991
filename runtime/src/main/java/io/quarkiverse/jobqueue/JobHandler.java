package io.quarkiverse.jobqueue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of one job type.
 * <p>
 * Allowed parameters: at most one payload (any Jackson-mappable type) and at most one {@link JobContext}, in any
 * order. Allowed return types: {@code void}, a value, or a {@code CompletionStage} or {@code Uni} of one; an
 * asynchronous result completes the attempt when it completes. A value is stored as JSON with the succeeded job,
 * readable as {@link JobInfo#result()}. The method runs on a worker thread (blocking is allowed) with an active
 * request context. A class declaring handlers and no scope becomes a {@code @Singleton} bean.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JobHandler {

    /** Marks {@link #maxAttempts()} as "use {@code quarkus.job-queue.retry.max-attempts}". */
    int DEFAULT_MAX_ATTEMPTS = 0;

    /** The job type, unique in the application. */
    String value();

    /** The queue jobs of this type go to unless {@link JobOptions#queue(String)} says otherwise. */
    String queue() default JobOptions.DEFAULT_QUEUE;

    /** How many attempts a job of this type gets; {@code 0} means the configured default. */
    int maxAttempts() default DEFAULT_MAX_ATTEMPTS;

    /**
     * The version of the payload this handler reads, 1 or more. Every job records the version it was enqueued with;
     * a job of an older version runs after its payload went through the {@link JobUpcaster}s from its version up to
     * this one.
     */
    int version() default 1;

    /**
     * How long one attempt may run, e.g. {@code "30s"}, {@code "5m"} or {@code "PT1H"}; a longer one is interrupted
     * and counts as failed. Empty means {@code quarkus.job-queue.timeout}; {@link JobOptions#timeout} overrides it.
     */
    String timeout() default "";

    /**
     * The most jobs of this type running at once across every instance; {@code 0} for no limit.
     * {@code quarkus.job-queue.types."<type>".max-concurrency} overrides it.
     */
    int maxConcurrency() default 0;

    /**
     * The most jobs of this type started per {@link #ratePeriod()} across every instance; {@code 0} for no limit.
     * {@code quarkus.job-queue.types."<type>".rate-limit} overrides it.
     */
    int rateLimit() default 0;

    /**
     * The window of {@link #rateLimit()}, required with it: a duration such as {@code "1m"}, {@code "10s"} or
     * {@code "PT1H"}. {@code quarkus.job-queue.types."<type>".rate-period} overrides it.
     */
    String ratePeriod() default "";
}
