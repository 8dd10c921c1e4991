package io.quarkiverse.jobqueue.deployment;

import io.quarkiverse.jobqueue.runtime.config.JobQueueBuildTimeConfig;
import io.quarkiverse.jobqueue.runtime.health.JobQueueLivenessCheck;
import io.quarkiverse.jobqueue.runtime.health.JobQueueReadinessCheck;
import io.quarkiverse.jobqueue.runtime.metrics.QueueStatistics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * The {@code job-queue} readiness and liveness checks, when the application has SmallRye Health and
 * {@code quarkus.job-queue.health.enabled} is true (the default).
 */
class HealthProcessor {

    @BuildStep
    void healthChecks(Capabilities capabilities, JobQueueBuildTimeConfig config,
            BuildProducer<HealthBuildItem> checks, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (!capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            return;
        }
        boolean enabled = config.health().enabled();
        checks.produce(new HealthBuildItem(JobQueueReadinessCheck.class.getName(), enabled));
        checks.produce(new HealthBuildItem(JobQueueLivenessCheck.class.getName(), enabled));
        if (enabled) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(QueueStatistics.class));
        }
    }
}
