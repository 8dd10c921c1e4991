package io.quarkiverse.jobqueue.deployment;

import java.util.Optional;

import io.quarkiverse.jobqueue.runtime.config.JobQueueBuildTimeConfig;
import io.quarkiverse.jobqueue.runtime.metrics.JobQueueMetrics;
import io.quarkiverse.jobqueue.runtime.metrics.QueueStatistics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * The {@code job_queue_*} Micrometer metrics, when the application has Micrometer and
 * {@code quarkus.job-queue.metrics.enabled} is true (the default).
 */
class MetricsProcessor {

    /** Micrometer announces itself as the metrics capability that supports its factory. */
    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metricsCapability, JobQueueBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        boolean micrometer = metricsCapability.map(capability -> capability.metricsSupported(MetricsFactory.MICROMETER))
                .orElse(false);
        if (micrometer && config.metrics().enabled()) {
            beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                    .addBeanClasses(JobQueueMetrics.class, QueueStatistics.class).build());
        }
    }
}
