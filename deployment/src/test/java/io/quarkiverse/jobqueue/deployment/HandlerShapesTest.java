package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * Every allowed handler shape runs: a payload and a JobContext in either order, either alone, neither, and the
 * asynchronous results CompletionStage and Uni, whose job succeeds only once they complete.
 */
class HandlerShapesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("handler-shapes", Handlers.class, Item.class, Call.class);

    @Inject
    JobQueue jobs;

    @Test
    void payloadThenContext() throws Exception {
        assertRan("payload-context", new Item("a", 1), true);
    }

    @Test
    void contextThenPayload() throws Exception {
        assertRan("context-payload", new Item("b", 2), true);
    }

    @Test
    void payloadOnly() throws Exception {
        assertRan("payload-only", new Item("c", 3), false);
    }

    @Test
    void contextOnly() throws Exception {
        assertRan("context-only", null, true);
    }

    @Test
    void noParameters() throws Exception {
        assertRan("no-parameters", null, false);
    }

    @Test
    void completionStageCompletesTheAttemptWhenItCompletes() throws Exception {
        assertRan("completion-stage", new Item("d", 4), true);
    }

    @Test
    void uniCompletesTheAttemptWhenItCompletes() throws Exception {
        assertRan("uni", new Item("e", 5), true);
    }

    /** Enqueues a job of {@code type}, waits for it to succeed and checks what its handler received. */
    private void assertRan(String type, Item payload, boolean takesContext) throws Exception {
        JobId id = jobs.enqueue(type, payload);
        TestApps.awaitSucceeded(jobs, id);
        // The asynchronous handlers record their call when their result completes, so a SUCCEEDED job whose call
        // is missing would mean the attempt ended before its CompletionStage or Uni did.
        Call call = Handlers.CALLS.get(type);
        assertThat(call).as("the handler of %s ran before its job succeeded", type).isNotNull();
        assertThat(call.payload()).isEqualTo(payload);
        if (takesContext) {
            assertThat(call.contextId()).isEqualTo(id);
            assertThat(call.contextType()).isEqualTo(type);
        } else {
            assertThat(call.contextId()).isNull();
        }
    }

    public record Item(String name, int quantity) {
    }

    record Call(Item payload, JobId contextId, String contextType) {
        static Call of(Item payload, JobContext context) {
            return new Call(payload, context == null ? null : context.id(), context == null ? null : context.type());
        }
    }

    @ApplicationScoped
    static class Handlers {

        static final Map<String, Call> CALLS = new ConcurrentHashMap<>();

        @JobHandler("payload-context")
        void payloadThenContext(Item item, JobContext context) {
            CALLS.put(context.type(), Call.of(item, context));
        }

        @JobHandler("context-payload")
        public void contextThenPayload(JobContext context, Item item) {
            CALLS.put(context.type(), Call.of(item, context));
        }

        @JobHandler("payload-only")
        protected void payloadOnly(Item item) {
            CALLS.put("payload-only", Call.of(item, null));
        }

        @JobHandler("context-only")
        void contextOnly(JobContext context) {
            CALLS.put(context.type(), Call.of(null, context));
        }

        @JobHandler("no-parameters")
        void noParameters() {
            CALLS.put("no-parameters", Call.of(null, null));
        }

        @JobHandler("completion-stage")
        CompletionStage<Void> completionStage(Item item, JobContext context) {
            return CompletableFuture.runAsync(() -> {
                sleep(200);
                CALLS.put(context.type(), Call.of(item, context));
            });
        }

        @JobHandler("uni")
        Uni<Void> uni(JobContext context, Item item) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200))
                    .invoke(() -> CALLS.put(context.type(), Call.of(item, context)));
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
