package io.quarkiverse.jobqueue.deployment;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * SmallRye Fault Tolerance on handlers: {@code @Timeout}, {@code @CircuitBreaker} and {@code @RateLimit} work with
 * the queue's retries (the engine recognises refused calls at run time); {@code @Retry} multiplies with them.
 */
class FaultToleranceProcessor {

    private static final Logger LOG = Logger.getLogger(FaultToleranceProcessor.class);
    static final DotName RETRY = DotName.createSimple("org.eclipse.microprofile.faulttolerance.Retry");

    /**
     * Runs in ArC's validation phase, the one place every build goes through, and reports no error there: a step that
     * produced nothing would be dropped.
     */
    @BuildStep
    void warnAboutRetryOnHandlers(BeanArchiveIndexBuildItem beanArchive,
            BuildProducer<ValidationErrorBuildItem> noErrors) {
        for (AnnotationInstance annotation : beanArchive.getIndex().getAnnotations(HandlerMethod.JOB_HANDLER)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            if (method.hasDeclaredAnnotation(RETRY) || method.declaringClass().hasDeclaredAnnotation(RETRY)) {
                LOG.warnf("@Retry on @JobHandler(\"%s\") %s#%s(): each attempt the queue makes retries the call "
                        + "again, so a failing job runs up to maxAttempts x (maxRetries + 1) times. Remove @Retry "
                        + "and set @JobHandler(maxAttempts) instead, or keep it only for quick in-process retries",
                        annotation.value().asString(), method.declaringClass().name(), method.name());
            }
        }
    }
}
