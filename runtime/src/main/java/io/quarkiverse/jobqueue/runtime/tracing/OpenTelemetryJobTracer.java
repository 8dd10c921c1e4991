package io.quarkiverse.jobqueue.runtime.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.engine.JobTracer;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;

/**
 * Traces with the application's OpenTelemetry: an enqueue is a {@code PRODUCER} span whose context (W3C
 * {@code traceparent}, {@code tracestate}, with the configured propagators) every job carries in its headers; an
 * attempt is a {@code CONSUMER} span whose parent is that context, wherever the attempt runs, current while the
 * handler runs so that the handler's own spans are its children. Registered only when quarkus-opentelemetry is.
 */
@Singleton
public class OpenTelemetryJobTracer implements JobTracer {

    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("job.id");
    static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("job.type");
    static final AttributeKey<String> JOB_QUEUE = AttributeKey.stringKey("job.queue");
    static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("job.attempt");
    /** How many jobs an enqueue wrote, on the span of an {@code enqueueAll} of several. */
    static final AttributeKey<Long> JOB_COUNT = AttributeKey.longKey("job.count");
    /** How the attempt ended: the job's next state, or {@code RELEASED} when the attempt did not count. */
    static final AttributeKey<String> JOB_OUTCOME = AttributeKey.stringKey("job.outcome");

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> headers) {
            return headers.keySet();
        }

        @Override
        public String get(Map<String, String> headers, String key) {
            return headers == null ? null : headers.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OpenTelemetryJobTracer(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.quarkiverse.jobqueue");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public EnqueueSpan enqueue(String type, String queue, List<JobId> ids) {
        var builder = tracer.spanBuilder("enqueue " + type).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(JOB_TYPE, type).setAttribute(JOB_QUEUE, queue);
        if (ids.size() == 1) {
            builder.setAttribute(JOB_ID, ids.get(0).toString());
        } else {
            builder.setAttribute(JOB_COUNT, (long) ids.size());
        }
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        Map<String, String> headers = new HashMap<>();
        propagator.inject(Context.current(), headers, Map::put);
        return new EnqueueSpan() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }

            @Override
            public void end(Throwable failure) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, describe(failure));
                }
                scope.close();
                span.end();
            }
        };
    }

    @Override
    public AttemptSpan attempt(ClaimedJob job, Map<String, String> headers) {
        // The enqueue's context, not whatever the worker thread has: root when the job carries none.
        Context parent = propagator.extract(Context.root(), headers, HEADERS);
        Span span = tracer.spanBuilder("run " + job.type()).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute(JOB_ID, job.id().toString()).setAttribute(JOB_TYPE, job.type())
                .setAttribute(JOB_QUEUE, job.queue()).setAttribute(JOB_ATTEMPT, (long) job.attempt())
                .startSpan();
        Scope scope = span.makeCurrent();
        return new AttemptSpan() {
            @Override
            public void failed(Throwable error) {
                span.recordException(error);
                span.setStatus(StatusCode.ERROR, describe(error));
            }

            @Override
            public void end(Outcome outcome) {
                if (outcome != null) {
                    span.setAttribute(JOB_OUTCOME, outcomeName(outcome));
                }
                scope.close();
                span.end();
            }
        };
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getName() + ": " + error.getMessage();
    }

    private static String outcomeName(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded) {
            return "SUCCEEDED";
        } else if (outcome instanceof Outcome.Cancelled) {
            return "CANCELLED";
        } else if (outcome instanceof Outcome.Failed failed) {
            return failed.next().name();
        }
        return "RELEASED";
    }
}
