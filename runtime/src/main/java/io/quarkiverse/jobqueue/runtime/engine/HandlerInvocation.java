package io.quarkiverse.jobqueue.runtime.engine;

import io.quarkiverse.jobqueue.JobContext;

/** Calls one handler method. The result may be {@code null}, a {@code CompletionStage} or a {@code Uni}. */
@FunctionalInterface
public interface HandlerInvocation {

    Object invoke(Object payload, JobContext context) throws Exception;
}
