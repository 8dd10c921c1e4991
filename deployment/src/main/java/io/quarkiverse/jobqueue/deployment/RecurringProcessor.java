package io.quarkiverse.jobqueue.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringJobs;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringMetadata;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringRecorder;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringSchedule;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringTicker;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.scheduler.deployment.ForceStartSchedulerBuildItem;
import io.quarkus.scheduler.runtime.SchedulerConfig;

/**
 * Finds the {@code @Recurring} handlers, fails the build with one message per invalid annotation, and has
 * {@link RecurringJobs} schedule them with the Quarkus Scheduler at start-up.
 */
class RecurringProcessor {

    static final DotName RECURRING = DotName.createSimple(Recurring.class);
    /** The longest tick suffix of a unique key: {@code @} and an instant with milliseconds. */
    private static final int TICK_SUFFIX = RecurringTicker.uniqueKey("",
            Instant.parse("2026-01-01T00:00:00.001Z")).length();

    @BuildStep
    void recurringHandlers(BeanArchiveIndexBuildItem beanArchive, List<JobHandlerBuildItem> handlers,
            SchedulerConfig scheduler, BuildProducer<RecurringBuildItem> recurring,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Map<MethodInfo, JobHandlerBuildItem> handlersByMethod = handlers.stream()
                .collect(Collectors.toMap(JobHandlerBuildItem::method, Function.identity()));
        List<Throwable> problems = new ArrayList<>();
        for (AnnotationInstance annotation : beanArchive.getIndex().getAnnotations(RECURRING)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            String target = method.declaringClass().name() + "#" + method.name() + "()";
            String source = "@Recurring on " + target;
            JobHandlerBuildItem handler = handlersByMethod.get(method);
            if (handler == null) {
                if (!method.hasAnnotation(HandlerMethod.JOB_HANDLER)) {
                    problems.add(new IllegalStateException(source + " is not on a @JobHandler method: add "
                            + "@JobHandler(\"<type>\") to it, the type its jobs get"));
                }
                // An invalid @JobHandler has been reported already.
                continue;
            }
            RecurringMetadata definition = new RecurringMetadata();
            definition.setType(handler.type());
            definition.setCron(value(annotation, "cron"));
            definition.setEvery(value(annotation, "every"));
            definition.setZone(annotation.value("zone") == null ? "UTC" : annotation.value("zone").asString());
            definition.setPayload(value(annotation, "payload"));
            definition.setTarget(target);
            try {
                RecurringSchedule.parse(source, definition.getCron(), definition.getEvery(), definition.getZone(),
                        scheduler.cronType());
                validatePayload(source, handler, definition.getPayload());
                if (handler.type().length() + TICK_SUFFIX > JobOptions.MAX_UNIQUE_KEY_LENGTH) {
                    throw new IllegalArgumentException(source + ": the job type \"" + handler.type() + "\" is too long "
                            + "for the unique keys of its ticks (<type>@<tick>, at most "
                            + JobOptions.MAX_UNIQUE_KEY_LENGTH + " characters): shorten it to "
                            + (JobOptions.MAX_UNIQUE_KEY_LENGTH - TICK_SUFFIX) + " characters or fewer");
                }
                recurring.produce(new RecurringBuildItem(definition));
            } catch (IllegalArgumentException e) {
                problems.add(new IllegalStateException(e.getMessage(), e.getCause()));
            }
        }
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    private static void validatePayload(String source, JobHandlerBuildItem handler, String payload) {
        if (payload == null && handler.payloadType() != null) {
            throw new IllegalArgumentException(source + ": the handler takes a payload (" + handler.payloadType()
                    + ") but @Recurring gives none: add payload = \"<JSON>\", or remove the parameter");
        }
        if (payload != null && handler.payloadType() == null) {
            throw new IllegalArgumentException(source + " gives a payload but the handler takes none: remove "
                    + "payload, or add a payload parameter");
        }
        if (payload != null) {
            try {
                new ObjectMapper().readTree(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + " has a payload that is not JSON (" + e.getOriginalMessage()
                        + "): " + payload + ". Give JSON, e.g. payload = \"{\\\"days\\\": 30}\"", e);
            }
        }
    }

    /** The annotation's value, {@code null} when absent or empty. */
    private static String value(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null || value.asString().isEmpty() ? null : value.asString();
    }

    /**
     * Without any {@code @Scheduled} method the Quarkus Scheduler would not start. Decided from the index: bean
     * registration comes before the validated handlers.
     */
    @BuildStep
    void schedulerStarts(CombinedIndexBuildItem index, BuildProducer<ForceStartSchedulerBuildItem> forceStart,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (!index.getIndex().getAnnotations(RECURRING).isEmpty()) {
            forceStart.produce(new ForceStartSchedulerBuildItem());
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RecurringJobs.class));
        }
    }

    /** Before {@code StartupEvent}, where {@link RecurringJobs} schedules them. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ServiceStartBuildItem registerRecurring(RecurringRecorder recorder, BeanContainerBuildItem beans,
            List<RecurringBuildItem> recurring, SchedulerConfig scheduler) {
        if (recurring.isEmpty()) {
            return null;
        }
        recorder.register(beans.getValue(), recurring.stream().map(RecurringBuildItem::definition).toList(),
                scheduler.cronType());
        return new ServiceStartBuildItem(JobHandlerProcessor.FEATURE + "-recurring");
    }
}
