package io.quarkiverse.jobqueue;

import java.time.Instant;

/** What a handler knows about the attempt it runs. Declare it as a handler parameter to receive it. */
public interface JobContext {

    JobId id();

    String type();

    String queue();

    /** The number of this attempt, starting at 1. */
    int attempt();

    int maxAttempts();

    Instant enqueuedAt();

    /**
     * Extends this job's lease now. The engine renews leases of running jobs on its own; call this from a handler
     * that may run for longer than {@code quarkus.job-queue.lease} without returning to the engine.
     */
    void heartbeat();

    /**
     * Whether someone asked to cancel this job ({@link JobQueue#cancel}). The worker thread is interrupted too; a
     * handler that does not block should look here between units of work and stop by throwing, e.g.
     * {@code CancellationException}. The job then ends {@link JobState#CANCELLED}.
     */
    boolean isCancellationRequested();

    /**
     * Stores how far the job got, visible in {@link JobInfo#progress()}, and extends the lease like
     * {@link #heartbeat()}. Each call is one write to the store: report per unit of work, not per loop iteration.
     *
     * @param message what the handler is doing, or {@code null}
     * @throws IllegalArgumentException unless {@code 0 <= done <= total}
     */
    void progress(long done, long total, String message);
}
