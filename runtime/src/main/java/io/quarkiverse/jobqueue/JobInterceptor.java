package io.quarkiverse.jobqueue;

/**
 * Middleware around every handler call, for cross-cutting concerns such as tenant context, tracing or metrics.
 * Implement it on a CDI bean; the engine calls every such bean around every handler it runs, in the order of their
 * {@code @jakarta.annotation.Priority} (lowest value outermost, as for CDI interceptors; no priority counts as 0),
 * on the worker thread with the request context of the attempt active.
 * <p>
 * Levels: an interceptor applies to every job (worker level) unless {@link #appliesTo(JobContext)} narrows it to a
 * queue (group level) or a job type (handler level). For one handler method, a CDI interceptor binding on the
 * method works as well.
 * <p>
 * An exception thrown here fails the attempt like one thrown by the handler.
 */
public interface JobInterceptor {

    /** Whether this interceptor wraps the attempt; by default every attempt. */
    default boolean appliesTo(JobContext context) {
        return true;
    }

    /** Wraps the call: do work before and after {@link JobInvocation#proceed()} and return its result. */
    Object intercept(JobInvocation invocation) throws Exception;
}
