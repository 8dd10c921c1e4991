package io.quarkiverse.jobqueue.runtime.health;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.metrics.QueueStatistics;

/**
 * Ready while the job store answers within {@code quarkus.job-queue.health.store-timeout}. Its data carries, per
 * queue this application serves, the pending jobs, how long the oldest due job has waited and the dead jobs, from a
 * reading at most {@code quarkus.job-queue.stats-max-age} old.
 */
@Readiness
@Singleton
public class JobQueueReadinessCheck implements HealthCheck {

    static final String NAME = "job-queue";

    private final QueueStatistics statistics;
    private final Duration timeout;

    JobQueueReadinessCheck(QueueStatistics statistics, JobQueueConfig config) {
        this.timeout = config.health().storeTimeout();
        this.statistics = statistics;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try {
            QueueStatistics.Snapshot snapshot = statistics.read(timeout);
            response.up();
            for (Map.Entry<String, QueueStatistics.QueueCounts> queue : snapshot.queues().entrySet()) {
                QueueStatistics.QueueCounts counts = queue.getValue();
                response.withData(queue.getKey() + ".pending", counts.count(JobState.PENDING))
                        .withData(queue.getKey() + ".oldest-pending-age-ms", counts.oldestPendingAge().toMillis())
                        .withData(queue.getKey() + ".dead", counts.count(JobState.DEAD));
            }
        } catch (QueueStatistics.StatisticsUnavailableException e) {
            response.down().withData("error", e.getMessage());
        }
        return response.build();
    }
}
