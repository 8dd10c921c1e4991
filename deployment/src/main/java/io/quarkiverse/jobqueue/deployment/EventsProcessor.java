package io.quarkiverse.jobqueue.deployment;

import io.quarkiverse.jobqueue.runtime.events.JobEvents;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * CDI events about jobs ({@code io.quarkiverse.jobqueue.event}). The bean is always there: whether each event type is
 * observed is decided when the engine starts, so that applications without observers pay nothing per job.
 */
class EventsProcessor {

    @BuildStep
    AdditionalBeanBuildItem eventsBean() {
        return AdditionalBeanBuildItem.unremovableOf(JobEvents.class);
    }
}
