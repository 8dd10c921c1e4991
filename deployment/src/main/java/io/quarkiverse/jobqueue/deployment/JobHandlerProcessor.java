package io.quarkiverse.jobqueue.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.quarkiverse.jobqueue.JobInterceptor;
import io.quarkiverse.jobqueue.runtime.engine.DefaultJobQueue;
import io.quarkiverse.jobqueue.runtime.engine.HandlerMetadata;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRecorder;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkiverse.jobqueue.runtime.engine.JobObservers;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;
import io.quarkiverse.jobqueue.runtime.engine.RecordedMethod;
import io.quarkiverse.jobqueue.runtime.engine.UpcasterMetadata;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AutoAddScopeBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.recording.RecorderContext;

/**
 * Finds the {@code @JobHandler} methods, fails the build with one message per problem, and generates the invokers
 * that call them without reflection.
 */
class JobHandlerProcessor {

    static final String FEATURE = "job-queue";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem engineBeans() {
        return AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(HandlerRegistry.class, JobQueueRuntime.class, DefaultJobQueue.class, JobObservers.class)
                .build();
    }

    /** A class with handler methods and no scope becomes a singleton bean. */
    @BuildStep
    AutoAddScopeBuildItem handlerClassesBecomeBeans() {
        return AutoAddScopeBuildItem.builder().containsAnnotations(HandlerMethod.JOB_HANDLER)
                .defaultScope(BuiltinScope.SINGLETON).unremovable().reason("Found @JobHandler methods").build();
    }

    /** Interceptors are looked up when the engine starts. */
    @BuildStep
    UnremovableBeanBuildItem interceptorBeansAreKept() {
        return UnremovableBeanBuildItem.beanTypes(JobInterceptor.class);
    }

    /** Handler beans are looked up only by their invokers, so ArC must not remove them as unused. */
    @BuildStep
    UnremovableBeanBuildItem handlerBeansAreKept() {
        return new UnremovableBeanBuildItem(
                new UnremovableBeanBuildItem.BeanClassAnnotationExclusion(HandlerMethod.JOB_HANDLER));
    }

    @BuildStep
    void validatedHandlers(ValidationPhaseBuildItem validation, BeanArchiveIndexBuildItem beanArchive,
            InvokerFactoryBuildItem invokers, BuildProducer<JobHandlerBuildItem> handlers,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Map<DotName, BeanInfo> beansByClass = new LinkedHashMap<>();
        validation.getContext().beans().classBeans().forEach(bean -> beansByClass.put(bean.getBeanClass(), bean));

        List<Throwable> problems = new ArrayList<>();
        Map<String, HandlerMethod> byType = new LinkedHashMap<>();
        IndexView index = beanArchive.getIndex();
        for (AnnotationInstance annotation : index.getAnnotations(HandlerMethod.JOB_HANDLER)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            HandlerMethod handler = new HandlerMethod(annotation.target().asMethod(), annotation);
            BeanInfo bean = beansByClass.get(handler.method.declaringClass().name());
            if (bean == null) {
                handler.problems.add("its class is not a bean: declare handlers on a concrete class, not an "
                        + "interface or abstract class");
            }
            HandlerMethod sameType = byType.putIfAbsent(handler.type, handler);
            if (sameType != null && !handler.type.isBlank()) {
                problems.add(new IllegalStateException("Job type \"" + handler.type + "\" is handled by both "
                        + sameType.target + " and " + handler.target
                        + ": job types must be unique in the application; rename one of them"));
                continue;
            }
            if (!handler.isValid()) {
                problems.add(new IllegalStateException(handler.describeProblems()));
                continue;
            }
            handlers.produce(new JobHandlerBuildItem(handler.type, handler.queue, handler.maxAttempts,
                    handler.version, handler.payloadType(), handler.payloadIndex, handler.contextIndex,
                    handler.method.parametersCount(), handler.target,
                    invokers.createInvoker(bean, handler.method).withInstanceLookup().build(), handler.method,
                    handler.timeout, handler.resultType(), handler.limit()));
        }
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    /**
     * Returns a {@link ServiceStartBuildItem} so that this step runs before ArC fires {@code StartupEvent}: the engine
     * starts from that event and reads the handlers (and their queues) from the registry filled here.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ServiceStartBuildItem registerHandlers(HandlerRecorder recorder, RecorderContext recorderContext,
            BeanContainerBuildItem beans, List<JobHandlerBuildItem> handlers, List<JobUpcasterBuildItem> upcasters) {
        List<HandlerMetadata> metadata = new ArrayList<>();
        for (JobHandlerBuildItem handler : handlers) {
            HandlerMetadata recorded = method(new HandlerMetadata(), handler.type, handler.target, handler.invoker,
                    recorderContext);
            recorded.setQueue(handler.queue);
            recorded.setMaxAttempts(handler.maxAttempts);
            recorded.setVersion(handler.version);
            recorded.setPayloadType(handler.payloadType == null ? null
                    : HandlerMethod.canonicalName(handler.payloadType));
            recorded.setPayloadIndex(handler.payloadIndex);
            recorded.setContextIndex(handler.contextIndex);
            recorded.setParameterCount(handler.parameterCount);
            recorded.setTimeout(handler.timeout == null ? null : handler.timeout.toString());
            recorded.setMaxConcurrency(handler.limit.maxConcurrency());
            recorded.setRateLimit(handler.limit.rateLimit());
            recorded.setRatePeriod(handler.limit.ratePeriod() == null ? null : handler.limit.ratePeriod().toString());
            metadata.add(recorded);
        }
        List<UpcasterMetadata> upcasterMetadata = new ArrayList<>();
        for (JobUpcasterBuildItem upcaster : upcasters) {
            UpcasterMetadata recorded = method(new UpcasterMetadata(), upcaster.type, upcaster.target, upcaster.invoker,
                    recorderContext);
            recorded.setFrom(upcaster.from);
            upcasterMetadata.add(recorded);
        }
        recorder.registerHandlers(beans.getValue(), metadata, upcasterMetadata);
        return new ServiceStartBuildItem(FEATURE);
    }

    private static <M extends RecordedMethod> M method(M recorded, String type, String target, InvokerInfo invoker,
            RecorderContext recorderContext) {
        recorded.setType(type);
        recorded.setTarget(target);
        recorded.setInvoker(recorderContext.newInstance(invoker.getClassName()));
        return recorded;
    }
}
