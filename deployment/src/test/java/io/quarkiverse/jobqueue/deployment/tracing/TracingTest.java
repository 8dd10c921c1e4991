package io.quarkiverse.jobqueue.deployment.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With quarkus-opentelemetry, an enqueue is a PRODUCER span whose context the job carries in its headers, and each
 * attempt a CONSUMER span continuing that trace, wherever it runs, current while the handler runs.
 */
class TracingTest {

    private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("job.id");
    private static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("job.type");
    private static final AttributeKey<String> JOB_QUEUE = AttributeKey.stringKey("job.queue");
    private static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("job.attempt");

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("tracing", Handlers.class, Exporter.class)
            // Exports spans at once rather than every 5 s.
            .overrideConfigKey("quarkus.otel.sdk.disabled", "false")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "20ms")
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "10ms");

    /** The span that was current in each handler call, by job id. */
    static final Map<JobId, SpanContext> CURRENT_IN_HANDLER = new ConcurrentHashMap<>();

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    OpenTelemetry openTelemetry;

    @BeforeEach
    void forgetSpans() {
        exporter.reset();
    }

    @Test
    void theHandlerSpanContinuesTheTraceOfTheEnqueue() throws Exception {
        Tracer tracer = openTelemetry.getTracer("test");
        Span request = tracer.spanBuilder("request").startSpan();
        JobId id;
        try (Scope scope = request.makeCurrent()) {
            // Delayed, so that the enqueuing thread's context is long gone when the job runs.
            id = jobs.enqueue("traced", "payload", JobOptions.defaults().delay(Duration.ofMillis(300)));
        } finally {
            request.end();
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();

        TestApps.awaitSucceeded(jobs, id);
        SpanData enqueue = awaitSpan(span -> span.getName().equals("enqueue traced"));
        SpanData run = awaitSpan(span -> span.getName().equals("run traced"));
        SpanData inHandler = awaitSpan(span -> span.getName().equals("in handler"));

        assertThat(enqueue.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(enqueue.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(enqueue.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(enqueue.getAttributes().get(JOB_ID)).isEqualTo(id.toString());
        assertThat(enqueue.getAttributes().get(JOB_TYPE)).isEqualTo("traced");
        assertThat(enqueue.getAttributes().get(JOB_QUEUE)).isEqualTo("default");

        assertThat(run.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(run.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(run.getParentSpanId()).isEqualTo(enqueue.getSpanId());
        assertThat(run.getAttributes().get(JOB_ID)).isEqualTo(id.toString());
        assertThat(run.getAttributes().get(JOB_TYPE)).isEqualTo("traced");
        assertThat(run.getAttributes().get(JOB_QUEUE)).isEqualTo("default");
        assertThat(run.getAttributes().get(JOB_ATTEMPT)).isEqualTo(1L);
        assertThat(run.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

        // Current while the handler runs: the handler's own spans are its children.
        assertThat(CURRENT_IN_HANDLER.get(id).getSpanId()).isEqualTo(run.getSpanId());
        assertThat(inHandler.getParentSpanId()).isEqualTo(run.getSpanId());
    }

    @Test
    void aJobWrittenByAnotherProcessContinuesTheTraceInItsHeaders() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";
        JobId id = JobId.newId();
        Instant now = Instant.now();
        // What another process (a producer-only application, another language) writes: a W3C traceparent.
        store.insert(List.of(new NewJob(id, "traced", "default", 0, 3, now, now, "\"from elsewhere\"", 1, null, null,
                "{\"traceparent\":\"00-" + traceId + "-" + parentSpanId + "-01\"}")), () -> {
                });

        TestApps.awaitSucceeded(jobs, id);
        SpanData run = awaitSpan(span -> span.getName().equals("run traced")
                && id.toString().equals(span.getAttributes().get(JOB_ID)));

        assertThat(run.getTraceId()).isEqualTo(traceId);
        assertThat(run.getParentSpanId()).isEqualTo(parentSpanId);
        assertThat(run.getParentSpanContext().isRemote()).isTrue();
        assertThat(CURRENT_IN_HANDLER.get(id).getTraceId()).isEqualTo(traceId);
    }

    @Test
    void eachAttemptIsASpanAndAFailedOneIsAnError() throws Exception {
        JobId id = jobs.enqueue("fails-once", "payload");

        TestApps.awaitSucceeded(jobs, id);
        SpanData enqueue = awaitSpan(span -> span.getName().equals("enqueue fails-once"));
        SpanData first = awaitSpan(span -> span.getName().equals("run fails-once")
                && span.getAttributes().get(JOB_ATTEMPT) == 1L);
        SpanData second = awaitSpan(span -> span.getName().equals("run fails-once")
                && span.getAttributes().get(JOB_ATTEMPT) == 2L);

        assertThat(first.getParentSpanId()).isEqualTo(enqueue.getSpanId());
        assertThat(second.getParentSpanId()).isEqualTo(enqueue.getSpanId());
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(first.getStatus().getDescription()).contains("first attempt fails");
        assertThat(first.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
                    .isEqualTo("first attempt fails");
        });
        assertThat(second.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void headersThatAreNotJsonCostTheTraceNotTheJob() throws Exception {
        JobId id = JobId.newId();
        Instant now = Instant.now();
        store.insert(List.of(new NewJob(id, "traced", "default", 0, 3, now, now, "\"bad headers\"", 1, null, null,
                "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")), () -> {
                });

        assertThat(TestApps.awaitEnd(jobs, id, JobState.SUCCEEDED).attempt()).isEqualTo(1);
        SpanData run = awaitSpan(span -> span.getName().equals("run traced")
                && id.toString().equals(span.getAttributes().get(JOB_ID)));
        assertThat(run.getParentSpanContext().isValid()).isFalse();
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> span = exporter.getFinishedSpanItems().stream().filter(wanted).findFirst();
            if (span.isPresent()) {
                return span.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No such span among " + exporter.getFinishedSpanItems());
    }

    static class Handlers {

        @Inject
        OpenTelemetry openTelemetry;

        @JobHandler("traced")
        void traced(String payload, JobContext context) {
            CURRENT_IN_HANDLER.put(context.id(), Span.current().getSpanContext());
            openTelemetry.getTracer("handler").spanBuilder("in handler").startSpan().end();
        }

        @JobHandler("fails-once")
        void failsOnce(String payload, JobContext context) {
            if (context.attempt() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }
    }

    @ApplicationScoped
    static class Exporter {

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }
}
