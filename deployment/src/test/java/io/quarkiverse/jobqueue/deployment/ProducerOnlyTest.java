package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;
import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.job-queue.worker.enabled=false}: the application enqueues and inspects jobs but runs none. */
class ProducerOnlyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("producer-only", Handler.class)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false");

    static class Handler {
        volatile boolean ran;

        @JobHandler("produced")
        void handle() {
            ran = true;
        }
    }

    @Inject
    JobQueue jobs;

    @Inject
    JobQueueRuntime runtime;

    @Inject
    Handler handler;

    @Test
    void enqueuedJobsWaitForAnotherInstance() throws InterruptedException {
        JobId id = jobs.enqueue("produced", null);

        Thread.sleep(1_000);

        assertThat(runtime.engine()).isEmpty();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(handler.ran).isFalse();
        assertThat(jobs.stats(null).get(JobState.PENDING)).isEqualTo(1);
    }
}
