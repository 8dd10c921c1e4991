package io.quarkiverse.jobqueue.runtime.health;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.engine.DispatcherStatus;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;

/**
 * Live while every queue's dispatcher runs and its loop goes round: DOWN when a dispatcher thread died, or when its
 * loop has not gone round for longer than the poll interval, plus the longest outage backoff (a store that fails
 * fast does not make it stuck), plus {@code quarkus.job-queue.health.claim-timeout} (a claim that hangs does). A
 * producer-only application has no dispatchers and is live.
 */
@Liveness
@Singleton
public class JobQueueLivenessCheck implements HealthCheck {

    static final String NAME = "job-queue";

    private final JobQueueRuntime runtime;
    private final Duration claimTimeout;

    JobQueueLivenessCheck(JobQueueRuntime runtime, JobQueueConfig config) {
        this.claimTimeout = config.health().claimTimeout();
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        List<DispatcherStatus> dispatchers = runtime.engine().map(JobEngine::dispatchers).orElse(List.of());
        return check(dispatchers, stuckAfter(runtime.settings().pollInterval(), claimTimeout));
    }

    /** How long a dispatcher's loop may go without a round before it counts as stuck. */
    static Duration stuckAfter(Duration pollInterval, Duration claimTimeout) {
        return pollInterval.plus(DispatcherStatus.MAX_OUTAGE_BACKOFF).plus(claimTimeout);
    }

    static HealthCheckResponse check(List<DispatcherStatus> dispatchers, Duration stuckAfter) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("dispatchers", dispatchers.size());
        for (DispatcherStatus dispatcher : dispatchers) {
            String queue = dispatcher.queue();
            response.withData(queue + ".since-last-round-ms", dispatcher.sinceLastRound().toMillis());
            if (!dispatcher.running()) {
                response.down().withData(queue + ".problem", "the dispatcher thread of queue '" + queue
                        + "' stopped: no job of this queue runs here until the application restarts");
            } else if (dispatcher.sinceLastRound().compareTo(stuckAfter) > 0) {
                response.down().withData(queue + ".problem", "the dispatcher of queue '" + queue + "' is stuck: "
                        + "its loop has not gone round for " + dispatcher.sinceLastRound().toMillis() + " ms (more "
                        + "than " + stuckAfter.toMillis() + " ms: quarkus.job-queue.poll-interval + 5 s + "
                        + "quarkus.job-queue.health.claim-timeout); a store call may hang");
            }
        }
        return response.build();
    }
}
