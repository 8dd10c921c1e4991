package io.quarkiverse.jobqueue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Enqueues a job of the annotated {@link JobHandler}'s type on a schedule: give either {@link #cron()} or
 * {@link #every()}. Every instance of the application schedules it, and each tick's job carries the unique key
 * {@code <type>@<tick instant>}, so that however many instances run, each tick makes one job.
 * {@code quarkus.job-queue.recurring."<type>".cron}, {@code .every} and {@code .enabled} override the annotation.
 * <p>
 * The handler takes no payload, or takes the fixed {@link #payload()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Recurring {

    /** A cron expression in the Quarkus Scheduler's syntax (Quartz by default: {@code "0 0 2 * * ?"}). */
    String cron() default "";

    /**
     * A fixed period, {@code "30s"}, {@code "5m"}, {@code "1h"} or ISO-8601; ticks fall on multiples of it since the
     * epoch.
     */
    String every() default "";

    /** The time zone of {@link #cron()}. */
    String zone() default "UTC";

    /** The payload of every tick's job as JSON, for a handler that takes one; empty for a handler that takes none. */
    String payload() default "";
}
