package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The workers survive a Redis restart: a Redis of this test's own is killed while jobs run, finish and wait, and
 * started again three seconds later; the engine's claims, outcomes and renewals fail meanwhile and are retried, and
 * every job then completes.
 */
class RedisWorkersRestartTest {

    static final OwnRedisServer REDIS = OwnRedisServer.startOnce(RedisWorkersRestartTest.class);

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis(REDIS.url(), OwnRedisServer.class, Handlers.class)
            .overrideConfigKey("quarkus.job-queue.concurrency", "4")
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
            .overrideConfigKey("quarkus.job-queue.lease", "10s")
            .overrideConfigKey("quarkus.job-queue.maintenance-interval", "1s")
            .setAfterAllCustomizer(REDIS::killAndDelete);

    @Inject
    JobQueue jobs;

    @Test
    void everyJobCompletesAfterRedisRestarts() throws Exception {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(jobs.enqueue("work", i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Handlers.RUNS.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Handlers.RUNS).as("jobs run before the restart").isNotEmpty();

        REDIS.kill();
        Thread.sleep(3_000);
        REDIS.start();

        for (JobId id : ids) {
            JobInfo job = awaitEnd(id);
            assertThat(job.state()).as("job %s, last error %s", id, job.lastError()).isEqualTo(JobState.SUCCEEDED);
        }
        assertThat(Handlers.RUNS).hasSize(40);
    }

    /** Polls until the job ends; the first reads after the restart may fail while the client reconnects. */
    private JobInfo awaitEnd(JobId id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                JobInfo job = jobs.find(id).orElseThrow();
                if (!job.state().isActive() || System.nanoTime() > deadline) {
                    return job;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }

    static class Handlers {

        static final Map<Integer, AtomicInteger> RUNS = new ConcurrentHashMap<>();

        @JobHandler("work")
        void work(int n) throws InterruptedException {
            RUNS.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(200);
        }
    }
}
