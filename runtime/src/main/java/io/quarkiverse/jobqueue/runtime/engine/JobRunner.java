package io.quarkiverse.jobqueue.runtime.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobInterceptor;
import io.quarkiverse.jobqueue.JobInvocation;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.NonRetryableJobException;
import io.quarkiverse.jobqueue.runtime.retry.BackoffPolicy;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;

/**
 * Runs one attempt of a job and decides its outcome: success with its result, retry with backoff, dead, cancelled,
 * or (when Fault Tolerance refused the call) run again later without using the attempt.
 */
final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final int MAX_STACK_TRACE_CHARS = 16_384;

    private final HandlerRegistry handlers;
    private final PayloadReader payloads;
    /** Writes handlers' results. */
    private final ObjectMapper mapper;
    private final BackoffPolicy backoff;
    private final boolean retainSucceeded;
    /** The {@link JobInterceptor} beans, outermost first. */
    private final List<JobInterceptor> interceptors;
    private final JobTracer tracer;

    JobRunner(HandlerRegistry handlers, ObjectMapper mapper, BackoffPolicy backoff, Duration retainSucceeded,
            JobTracer tracer) {
        this.handlers = handlers;
        this.tracer = tracer;
        this.payloads = new PayloadReader(handlers, mapper);
        this.mapper = mapper;
        this.backoff = backoff;
        this.retainSucceeded = !retainSucceeded.isZero();
        this.interceptors = interceptors();
    }

    Outcome run(RunningJob running) {
        ClaimedJob job = running.job();
        try (JobMdc mdc = JobMdc.of(job)) {
            JobTracer.AttemptSpan span = tracer.attempt(job, headers(job));
            Outcome outcome = null;
            try {
                outcome = attempt(running, span);
                return outcome;
            } finally {
                span.end(outcome);
            }
        }
    }

    /** The job's headers for the tracer; headers another process wrote badly cost the trace, never the attempt. */
    private Map<String, String> headers(ClaimedJob job) {
        if (tracer == JobTracer.NONE) {
            return Map.of();
        }
        try {
            return JobHeaders.read(job.headers());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Job %s (%s) runs without the trace context it was enqueued with: %s. Whatever wrote the job "
                    + "must store its headers as a JSON object of strings", job.id(), job.type(), e.getMessage());
            return Map.of();
        }
    }

    private Outcome attempt(RunningJob running, JobTracer.AttemptSpan span) {
        ClaimedJob job = running.job();
        try {
            if (running.isCancellationRequested()) {
                return cancelled(job);
            }
            HandlerDefinition handler = handlers.find(job.type());
            if (handler == null) {
                // Claims ask only for known types, so this is a bug; failing keeps the job visible.
                return failure(job, new NonRetryableJobException("No handler for job type '" + job.type() + "'"),
                        span);
            }
            Object result = invoke(handler, payloads.read(handler, job), running);
            if (running.timedOut()) {
                return failure(job, timeout(job, null), span);
            }
            return succeeded(handler, job, result, span);
        } catch (Throwable t) {
            // A handler interrupted for cancellation or timeout may fail with anything: the reason is known here.
            if (running.isCancellationRequested()) {
                return cancelled(job);
            }
            Throwable error = unwrap(t);
            if (running.timedOut()) {
                return failure(job, timeout(job, error), span);
            }
            Duration refusedFor = FaultToleranceRefusals.retryAfter(error, backoff.ceiling(1).plus(backoff.delayAfter(1)));
            return refusedFor != null ? refused(job, error, refusedFor) : failure(job, error, span);
        }
    }

    /** The interceptor beans sorted by {@code @Priority}, lowest first; ArC lists them highest first. */
    private static List<JobInterceptor> interceptors() {
        List<InstanceHandle<JobInterceptor>> beans = new ArrayList<>(Arc.container().listAll(JobInterceptor.class));
        beans.sort(Comparator.comparingInt(bean -> bean.getBean().getPriority()));
        return beans.stream().map(InstanceHandle::get).toList();
    }

    /** Calls the handler; returns its result, the item of a {@code Uni} or the value of a {@code CompletionStage}. */
    private Object invoke(HandlerDefinition handler, Object payload, RunningJob running) throws Exception {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            Object result = new Invocation(handler, payload, running).proceed();
            if (result instanceof Uni<?> uni) {
                result = uni.subscribeAsCompletionStage();
            }
            if (result instanceof CompletionStage<?> stage) {
                CompletableFuture<?> future = stage.toCompletableFuture();
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // Timeout or cancellation: stop the asynchronous work too (a Uni is unsubscribed).
                    future.cancel(true);
                    throw e;
                }
            }
            return result;
        } finally {
            requestContext.terminate();
        }
    }

    /** One handler call through the interceptors that apply to it, each {@link #proceed()} going one further in. */
    private final class Invocation implements JobInvocation {

        private final HandlerDefinition handler;
        private final Object payload;
        private final RunningJob context;
        private int next;

        Invocation(HandlerDefinition handler, Object payload, RunningJob context) {
            this.handler = handler;
            this.payload = payload;
            this.context = context;
        }

        @Override
        public JobContext context() {
            return context;
        }

        @Override
        public Object payload() {
            return payload;
        }

        @Override
        public Object proceed() throws Exception {
            while (next < interceptors.size()) {
                JobInterceptor interceptor = interceptors.get(next++);
                if (interceptor.appliesTo(context)) {
                    return interceptor.intercept(this);
                }
            }
            return handler.invocation().invoke(payload, context);
        }
    }

    /** The outcome of an attempt Fault Tolerance refused to run: again after {@code delay}, the attempt not used. */
    private static Outcome refused(ClaimedJob job, Throwable error, Duration delay) {
        LOG.infof("Job %s (%s) was not run (%s); it runs again in %d ms without using an attempt", job.id(),
                job.type(), describe(error), delay.toMillis());
        return new Outcome.Released(job.id(), Instant.now().plus(delay));
    }

    /**
     * Success with the result as JSON. A result that cannot be serialised fails the attempt for good rather than let
     * the job succeed without it: the handler's return type needs a fix, then a replay.
     */
    private Outcome succeeded(HandlerDefinition handler, ClaimedJob job, Object result, JobTracer.AttemptSpan span) {
        String json = null;
        if (result != null) {
            try {
                json = mapper.writeValueAsString(result);
            } catch (JsonProcessingException e) {
                return failure(job, new NonRetryableJobException("The result of " + handler.target() + " ("
                        + result.getClass().getName() + ") cannot be serialized to JSON: " + e.getOriginalMessage()
                        + ". Return a Jackson-mappable type (a record, a class with getters, a Map, a String), "
                        + "then replay the job", e), span);
            }
        }
        return new Outcome.Succeeded(job.id(), Instant.now(), retainSucceeded, json);
    }

    private static Outcome cancelled(ClaimedJob job) {
        LOG.infof("Job %s (%s) is CANCELLED in attempt %d: its cancellation was requested", job.id(), job.type(),
                job.attempt());
        return new Outcome.Cancelled(job.id(), Instant.now());
    }

    /** The error of an attempt that ran past its timeout; {@code cause} is how the interrupted handler ended. */
    private static Throwable timeout(ClaimedJob job, Throwable cause) {
        TimeoutException timeout = new TimeoutException("Attempt " + job.attempt() + " ran longer than its timeout of "
                + job.timeout() + " and was interrupted: raise the timeout (JobOptions.timeout, "
                + "@JobHandler(timeout = ...) or quarkus.job-queue.timeout) or split the work");
        if (cause != null) {
            timeout.initCause(cause);
        }
        return timeout;
    }

    /** The outcome of an attempt that failed with {@code error}. */
    private Outcome failure(ClaimedJob job, Throwable error, JobTracer.AttemptSpan span) {
        span.failed(error);
        return failure(job, describe(error), stackTrace(error), error instanceof NonRetryableJobException, error);
    }

    /** The outcome of an attempt whose worker stopped renewing its lease: cancelled if that was requested. */
    Outcome leaseExpired(ClaimedJob job) {
        String message = "The lease of attempt " + job.attempt() + " expired: its worker stopped (a crash, a kill or "
                + "a stall longer than quarkus.job-queue.lease)";
        // Runs on the maintenance thread, outside run(): the log lines need the job's MDC here.
        try (JobMdc mdc = JobMdc.of(job)) {
            if (job.cancelRequested()) {
                return cancelled(job);
            }
            return failure(job, message, null, false, null);
        }
    }

    private Outcome failure(ClaimedJob job, String message, String stackTrace, boolean nonRetryable, Throwable error) {
        Instant now = Instant.now();
        String history = AttemptHistory.append(job.attempts(),
                new JobAttempt(job.attempt(), job.startedAt(), now, message, stackTrace));
        if (nonRetryable || job.attempt() >= job.maxAttempts()) {
            LOG.errorf(error, "Job %s (%s) is DEAD after attempt %d of %d: %s", job.id(), job.type(),
                    job.attempt(), job.maxAttempts(), message);
            return new Outcome.Failed(job.id(), JobState.DEAD, job.runAt(), now, message, history);
        }
        Duration delay = error == null ? Duration.ZERO : backoff.delayAfter(job.attempt());
        LOG.warnf("Job %s (%s) failed attempt %d of %d, retrying in %d ms: %s", job.id(), job.type(),
                job.attempt(), job.maxAttempts(), delay.toMillis(), message);
        return new Outcome.Failed(job.id(), JobState.RETRYING, now.plus(delay), null, message, history);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() <= MAX_STACK_TRACE_CHARS ? trace
                : trace.substring(0, MAX_STACK_TRACE_CHARS) + "\n\t... (truncated)";
    }
}
