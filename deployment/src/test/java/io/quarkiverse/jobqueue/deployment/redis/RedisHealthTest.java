package io.quarkiverse.jobqueue.deployment.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/**
 * The {@code job-queue} health checks against a Redis of this test's own: ready with the queue's counts while Redis
 * answers, not ready once it is killed, ready again after it restarts; live while Redis fails fast, not live while it
 * hangs (SIGSTOP: a dispatcher's claim never returns), live again when it resumes.
 */
class RedisHealthTest {

    static final OwnRedisServer REDIS = OwnRedisServer.startOnce(RedisHealthTest.class);

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis(REDIS.url(), OwnRedisServer.class, Handlers.class)
            // Longer than the test's pause, so that a claim sent to the paused Redis hangs rather than fails.
            .overrideConfigKey("quarkus.redis.timeout", "60s")
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
            .overrideConfigKey("quarkus.job-queue.stats-max-age", "100ms")
            .overrideConfigKey("quarkus.job-queue.health.store-timeout", "1s")
            .overrideConfigKey("quarkus.job-queue.health.claim-timeout", "1s")
            .setAfterAllCustomizer(REDIS::killAndDelete);

    @Inject
    JobQueue jobs;

    @Test
    void readyAndLiveFollowTheStore() throws Exception {
        jobs.enqueue("slow", 1);
        assertThat(Handlers.STARTED.await(10, TimeUnit.SECONDS)).as("the first slow job runs").isTrue();
        jobs.enqueue("slow", 2);
        jobs.enqueue("handled-elsewhere", "x", JobOptions.defaults().queue("default"));
        Thread.sleep(300);

        JsonPath ready = awaitHealth("ready", 200, json -> data(json).get("slow.pending") != null);
        Map<String, Object> data = data(ready);
        assertThat(data).containsEntry("slow.pending", 1).containsEntry("slow.dead", 0)
                .containsEntry("default.pending", 1).containsEntry("default.dead", 0);
        assertThat(((Number) data.get("slow.oldest-pending-age-ms")).longValue()).as("the second slow job waits")
                .isGreaterThanOrEqualTo(300);
        assertThat(data.get("default.oldest-pending-age-ms")).as("no handler here: not counted as waiting")
                .isEqualTo(0);
        JsonPath live = health("live", 200);
        assertThat(data(live)).containsEntry("dispatchers", 2).containsKeys("default.since-last-round-ms",
                "slow.since-last-round-ms");

        // A hung Redis: claims never return, so the idle queue's dispatcher stops going round.
        REDIS.pause();
        try {
            JsonPath notReady = health("ready", 503);
            assertThat((String) data(notReady).get("error")).contains("did not answer within 1000 ms");
            JsonPath notLive = awaitHealth("live", 503, json -> true);
            assertThat((String) data(notLive).get("default.problem")).contains("dispatcher of queue 'default' is "
                    + "stuck");
        } finally {
            REDIS.resume();
        }
        awaitHealth("live", 200, json -> true);

        // A dead Redis: calls fail at once, the dispatchers go on with backoff and stay live.
        REDIS.kill();
        JsonPath down = awaitHealth("ready", 503, json -> true);
        assertThat((String) data(down).get("error")).startsWith("The job store failed: ");
        Thread.sleep(2_000);
        health("live", 200);
        REDIS.start();
        awaitHealth("ready", 200, json -> data(json).get("slow.pending") != null);
        Handlers.RELEASE.countDown();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(JsonPath health) {
        Map<String, Object> data = health.getMap("checks.find { it.name == 'job-queue' }.data");
        assertThat(data).as("the job-queue check in %s", health.prettify()).isNotNull();
        return data;
    }

    private static JsonPath health(String check, int status) {
        return given().get("/q/health/" + check).then().statusCode(status).extract().jsonPath();
    }

    /** Polls the check until it answers {@code status} and its body matches, for up to 20 s. */
    private static JsonPath awaitHealth(String check, int status, Predicate<JsonPath> matches) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var response = given().get("/q/health/" + check);
            if (response.statusCode() == status && matches.test(response.jsonPath())) {
                return response.jsonPath();
            }
            assertThat(System.nanoTime()).as("/q/health/%s answering %d; last answer %d: %s", check, status,
                    response.statusCode(), response.asString()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static class Handlers {

        static final CountDownLatch STARTED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        /** One at a time across the cluster, so that the second job waits PENDING while the first runs. */
        @JobHandler(value = "slow", queue = "slow", maxConcurrency = 1)
        void slow(int n) throws InterruptedException {
            STARTED.countDown();
            RELEASE.await(60, TimeUnit.SECONDS);
        }

        @JobHandler("quick")
        void quick() {
        }
    }
}
