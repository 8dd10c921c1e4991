package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The engine on the Redis store: a timeout interrupts and retries, a cancellation written to the store by another
 * instance reaches the running handler through the lease renewal, progress and results are stored.
 */
class RedisRunningJobsTest {

    static final String PREFIX = "job-queue-running-" + UUID.randomUUID();

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis("redis://127.0.0.1:6379", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.redis.key-prefix", PREFIX)
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
            // Heartbeats every 500 ms.
            .overrideConfigKey("quarkus.job-queue.lease", "1500ms")
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "50ms")
            .setAfterAllCustomizer(() -> RedisKeys.delete(6379, PREFIX));

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    Handlers handlers;

    @Test
    void aCancellationWrittenByAnotherInstanceStopsTheHandlerAtTheNextHeartbeat() throws InterruptedException {
        JobId id = jobs.enqueue("redis-sleep", null);
        assertThat(handlers.started.await(10, TimeUnit.SECONDS)).isTrue();

        // Straight to the store, as another instance's JobQueue.cancel would: nothing wakes this engine locally.
        assertThat(store.cancel(id, Instant.now())).isEqualTo(Cancellation.REQUESTED);

        JobInfo cancelled = await(id, JobState.CANCELLED);
        assertThat(handlers.interrupted.getCount()).isZero();
        assertThat(cancelled.cancelRequestedAt()).isNotNull();
    }

    @Test
    void anAttemptPastItsTimeoutIsRetriedAndItsProgressAndResultAreStored() throws InterruptedException {
        JobId id = jobs.enqueue("redis-slow-first", "report");

        JobInfo done = await(id, JobState.SUCCEEDED);

        assertThat(done.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.error()).contains("ran longer than its timeout of PT0.3S"));
        assertThat(done.progress()).extracting(JobProgress::done, JobProgress::total).containsExactly(2L, 2L);
        assertThat(done.result()).isEqualTo("\"report after 2 attempts\"");
    }

    private JobInfo await(JobId id, JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JobInfo job = jobs.find(id).orElseThrow();
        while (job.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = jobs.find(id).orElseThrow();
        }
        assertThat(job.state()).as("last error: %s", job.lastError()).isEqualTo(state);
        return job;
    }

    @Singleton
    public static class Handlers {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @JobHandler("redis-sleep")
        void sleep() throws InterruptedException {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }

        @JobHandler(value = "redis-slow-first", timeout = "300ms")
        String slowFirst(String name, JobContext context) throws InterruptedException {
            context.progress(context.attempt(), 2, "attempt " + context.attempt());
            if (context.attempt() == 1) {
                Thread.sleep(60_000);
            }
            return name + " after " + context.attempt() + " attempts";
        }
    }
}
