package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A concurrency limit holds across engines: the application's own and a second one on the same (in-memory) store,
 * as another instance would run it, each with four workers. The configured limit of 1 overrides the annotation's 3.
 */
class ConcurrencyLimitAcrossEnginesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Handler.class, TestApps.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.job-queue.store", "memory")
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
            .overrideConfigKey("quarkus.job-queue.concurrency", "4")
            .overrideConfigKey("quarkus.job-queue.types.\"one-at-a-time\".max-concurrency", "1");

    @Inject
    JobQueue jobs;
    @Inject
    JobStore store;
    @Inject
    HandlerRegistry handlers;
    @Inject
    JobQueueRuntime runtime;
    @Inject
    ObjectMapper mapper;

    @Test
    void aLimitOfOneRunsJobsOneAtATimeAcrossTwoEngines() throws Exception {
        JobEngine second = new JobEngine(store, handlers, runtime.settings(), mapper, "second-engine");
        second.start();
        try {
            List<JobId> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(jobs.enqueue("one-at-a-time", null));
            }
            for (JobId id : ids) {
                TestApps.awaitSucceeded(jobs, id);
            }
            assertThat(Handler.MOST_RUNNING).hasValue(1);
        } finally {
            second.stop();
        }
    }

    static class Handler {
        static final AtomicInteger RUNNING = new AtomicInteger();
        static final AtomicInteger MOST_RUNNING = new AtomicInteger();

        @JobHandler(value = "one-at-a-time", maxConcurrency = 3)
        void handle() throws InterruptedException {
            MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }
}
