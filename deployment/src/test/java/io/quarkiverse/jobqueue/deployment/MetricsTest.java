package io.quarkiverse.jobqueue.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The {@code job_queue_*} metrics in the Prometheus text of {@code /q/metrics}, after jobs that succeed, retry, die
 * and get cancelled: counters and timers tagged by type and queue, gauges per queue and state.
 */
class MetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("metrics", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "10ms")
            .overrideConfigKey("quarkus.job-queue.stats-max-age", "100ms");

    @Inject
    JobQueue jobs;

    @Test
    void countsTimesAndGaugesJobs() throws Exception {
        JobId ok1 = jobs.enqueue("ok", 1);
        JobId ok2 = jobs.enqueue("ok", 2);
        JobId flaky = jobs.enqueue("flaky", 1);
        JobId doomed = jobs.enqueue("doomed", 1);
        TestApps.awaitSucceeded(jobs, ok1);
        TestApps.awaitSucceeded(jobs, ok2);
        TestApps.awaitSucceeded(jobs, flaky);
        TestApps.awaitEnd(jobs, doomed, JobState.DEAD);

        JobId blocking = jobs.enqueue("blocking", 1);
        assertThat(Handlers.BLOCKING.await(10, TimeUnit.SECONDS)).isTrue();
        JobId waiting = jobs.enqueue("blocking", 2);
        Thread.sleep(500);

        // A reading that started before the second job was enqueued may count it but not see it due yet: wait for a
        // later one.
        String metrics = awaitMetrics(text -> value(text, "job_queue_jobs", "queue", "held", "state", "PENDING") == 1
                && value(text, "job_queue_jobs", "queue", "default", "state", "DEAD") == 1
                && value(text, "job_queue_oldest_pending_age_seconds", "queue", "held") >= 0.4);
        assertThat(value(metrics, "job_queue_jobs", "queue", "held", "state", "RUNNING")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_jobs", "queue", "default", "state", "SUCCEEDED")).isEqualTo(3);
        assertThat(value(metrics, "job_queue_jobs", "queue", "default", "state", "PENDING")).isZero();
        assertThat(value(metrics, "job_queue_dead_jobs", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_dead_jobs", "queue", "held")).isZero();
        assertThat(value(metrics, "job_queue_oldest_pending_age_seconds", "queue", "held"))
                .as("the second blocking job waits").isGreaterThanOrEqualTo(0.4);
        assertThat(value(metrics, "job_queue_oldest_pending_age_seconds", "queue", "default")).isZero();

        jobs.cancel(blocking);
        TestApps.awaitEnd(jobs, blocking, JobState.CANCELLED);
        awaitRunning(waiting);
        jobs.cancel(waiting);
        TestApps.awaitEnd(jobs, waiting, JobState.CANCELLED);
        // Cancelled before it ran: counted by the cancelling instance.
        assertThat(jobs.cancel(jobs.enqueue("ok", 3, JobOptions.defaults().delay(Duration.ofHours(1))))).isTrue();
        metrics = awaitMetrics(text -> value(text, "job_queue_jobs", "queue", "held", "state", "CANCELLED") == 2
                && value(text, "job_queue_jobs", "queue", "default", "state", "CANCELLED") == 1);

        assertThat(value(metrics, "job_queue_enqueued_total", "type", "ok", "queue", "default")).isEqualTo(3);
        assertThat(value(metrics, "job_queue_cancelled_total", "type", "ok", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_enqueued_total", "type", "blocking", "queue", "held")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_succeeded_total", "type", "ok", "queue", "default")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_succeeded_total", "type", "flaky", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_failed_total", "type", "flaky", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_retried_total", "type", "flaky", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_dead_total", "type", "flaky", "queue", "default")).isZero();
        assertThat(value(metrics, "job_queue_failed_total", "type", "doomed", "queue", "default")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_retried_total", "type", "doomed", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_dead_total", "type", "doomed", "queue", "default")).isEqualTo(1);
        assertThat(value(metrics, "job_queue_cancelled_total", "type", "blocking", "queue", "held")).isEqualTo(2);

        assertThat(value(metrics, "job_queue_handler_duration_seconds_count", "type", "ok", "queue", "default",
                "outcome", "succeeded")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_handler_duration_seconds_count", "type", "doomed", "queue", "default",
                "outcome", "failed")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_handler_duration_seconds_count", "type", "blocking", "queue", "held",
                "outcome", "cancelled")).isEqualTo(2);
        assertThat(value(metrics, "job_queue_handler_duration_seconds_sum", "type", "blocking", "queue", "held",
                "outcome", "cancelled")).as("it blocked for half a second at least").isGreaterThanOrEqualTo(0.5);
        assertThat(value(metrics, "job_queue_pickup_latency_seconds_count", "type", "flaky", "queue", "default"))
                .as("one per attempt").isEqualTo(2);
        assertThat(value(metrics, "job_queue_pickup_latency_seconds_count", "type", "blocking", "queue", "held"))
                .isEqualTo(2);
        assertThat(value(metrics, "job_queue_pickup_latency_seconds_max", "type", "blocking", "queue", "held"))
                .as("the second blocking job waited for the first").isGreaterThanOrEqualTo(0.5);
    }

    private void awaitRunning(JobId id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs.find(id).orElseThrow().state() != JobState.RUNNING) {
            assertThat(System.nanoTime()).as("job %s runs", id).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Polls {@code /q/metrics} until its text matches, for up to 10 s. */
    private static String awaitMetrics(java.util.function.Predicate<String> matches) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
            if (matches.test(text) || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(100);
        }
    }

    /**
     * The value of the sample {@code name} whose labels include these name/value pairs, in any order; -1 when there
     * is none, so that an assertion on a missing sample fails with the text.
     */
    static double value(String text, String name, String... labels) {
        // A sample may end with an exemplar ("# {trace_id=...} ..."): with OpenTelemetry, counters get some.
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)(?: #.*)?$",
                Pattern.MULTILINE);
        Matcher matcher = sample.matcher(text);
        while (matcher.find()) {
            String found = matcher.group(1);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= found.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return -1;
    }

    static class Handlers {

        static final CountDownLatch BLOCKING = new CountDownLatch(1);
        static final Map<Integer, AtomicInteger> FLAKY_RUNS = new ConcurrentHashMap<>();

        @JobHandler("ok")
        void ok(int n) {
        }

        @JobHandler(value = "flaky", maxAttempts = 3)
        void flaky(int n) {
            if (FLAKY_RUNS.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }

        @JobHandler(value = "doomed", maxAttempts = 2)
        void doomed(int n) {
            throw new IllegalStateException("always fails");
        }

        /** Runs until cancelled (interrupted), one at a time, so that a second job waits. */
        @JobHandler(value = "blocking", queue = "held", maxConcurrency = 1)
        void blocking(int n) throws InterruptedException {
            BLOCKING.countDown();
            Thread.sleep(60_000);
        }
    }
}
