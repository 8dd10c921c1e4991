package io.quarkiverse.jobqueue.deployment;

import io.quarkiverse.jobqueue.runtime.tracing.OpenTelemetryJobTracer;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Tracing with OpenTelemetry: enqueues and attempts become spans of one trace, when the application has
 * quarkus-opentelemetry with tracing. Without it, the tracer bean does not exist and jobs carry no headers.
 */
class TracingProcessor {

    @BuildStep
    void openTelemetryTracer(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(OpenTelemetryJobTracer.class));
        }
    }
}
