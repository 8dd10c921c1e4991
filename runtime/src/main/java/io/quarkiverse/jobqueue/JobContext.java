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
}
