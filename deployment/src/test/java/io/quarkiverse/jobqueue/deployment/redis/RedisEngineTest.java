package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The engine on the Redis store, with a poll interval of five minutes: every job below runs within seconds only
 * because something woke the workers, this instance itself or the store's pub/sub for another one.
 */
class RedisEngineTest {

    static final String PREFIX = "job-queue-engine-" + UUID.randomUUID();

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis("redis://127.0.0.1:6379", Recorder.class)
            .overrideConfigKey("quarkus.job-queue.redis.key-prefix", PREFIX)
            .overrideConfigKey("quarkus.job-queue.poll-interval", "5m")
            .setAfterAllCustomizer(() -> RedisKeys.delete(6379, PREFIX));

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    Recorder recorder;

    @Test
    void anEnqueueWakesThisInstance() throws InterruptedException {
        jobs.enqueue("redis-engine", "local");

        assertThat(recorder.ran.poll(10, TimeUnit.SECONDS)).isEqualTo("local");
    }

    @Test
    void anEnqueueByAnotherInstanceWakesThisOneThroughPubSub() throws InterruptedException {
        // Written through the store with no local wake-up, as another instance's enqueue would be.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.insert(List.of(new NewJob(JobId.newId(), "redis-engine", "default", 0, 3, now, now, "\"remote\"")),
                () -> {
                });

        assertThat(recorder.ran.poll(10, TimeUnit.SECONDS)).isEqualTo("remote");
    }

    // A singleton, not a client proxy, so that the test reads the queue the handler writes.
    @Singleton
    static class Recorder {
        final BlockingQueue<String> ran = new LinkedBlockingQueue<>();

        @JobHandler("redis-engine")
        void run(String payload) {
            ran.add(payload);
        }
    }
}
