package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A class with a {@code @JobHandler} method and no scope annotation becomes a {@code @Singleton} bean that ArC keeps
 * although nothing injects it, and its handler runs.
 */
class UnscopedHandlerBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("unscoped-handler-bean", UnscopedHandler.class, Greeting.class,
            Call.class);

    @Inject
    JobQueue jobs;

    @Test
    void handlerClassWithoutScopeIsAKeptSingletonBeanAndItsHandlerRuns() throws Exception {
        // Nothing injects the handler class: looking it up shows it is a bean and was not removed as unused.
        try (InstanceHandle<UnscopedHandler> handle = Arc.container().instance(UnscopedHandler.class)) {
            assertThat(handle.isAvailable()).as("UnscopedHandler is a bean that was not removed").isTrue();
            assertThat(handle.getBean().getScope()).isEqualTo(Singleton.class);
        }

        Greeting greeting = new Greeting("Ada", 3);
        JobId id = jobs.enqueue("greet", greeting);
        JobInfo job = TestApps.awaitSucceeded(jobs, id);

        assertThat(job.type()).isEqualTo("greet");
        assertThat(job.queue()).isEqualTo(JobOptions.DEFAULT_QUEUE);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(UnscopedHandler.CALLS).hasSize(1);
        Call call = UnscopedHandler.CALLS.get(0);
        assertThat(call.payload()).isEqualTo(greeting);
        assertThat(call.id()).isEqualTo(id);
        assertThat(call.type()).isEqualTo("greet");
        assertThat(call.queue()).isEqualTo(JobOptions.DEFAULT_QUEUE);
        assertThat(call.attempt()).isEqualTo(1);
        assertThat(call.maxAttempts()).isEqualTo(5);
        assertThat(call.enqueuedAt()).isEqualTo(job.createdAt());
    }

    public record Greeting(String name, int times) {
    }

    record Call(Greeting payload, JobId id, String type, String queue, int attempt, int maxAttempts,
            Instant enqueuedAt) {
    }

    // No scope annotation on purpose.
    static class UnscopedHandler {

        static final List<Call> CALLS = new CopyOnWriteArrayList<>();

        @JobHandler("greet")
        void greet(Greeting greeting, JobContext context) {
            CALLS.add(new Call(greeting, context.id(), context.type(), context.queue(), context.attempt(),
                    context.maxAttempts(), context.enqueuedAt()));
        }
    }
}
