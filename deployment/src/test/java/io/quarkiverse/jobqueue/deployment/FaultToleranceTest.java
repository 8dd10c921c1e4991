package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.RateLimit;

/**
 * SmallRye Fault Tolerance on handlers: {@code @Timeout} fails the attempt, which the queue retries; calls refused
 * by an open {@code @CircuitBreaker} or an exceeded {@code @RateLimit} run again later without using an attempt
 * (the handlers allow one attempt, so a counted refusal would end them DEAD); {@code @Retry} warns at build time.
 */
class FaultToleranceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("fault-tolerance", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "100ms")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(FaultToleranceProcessor.class.getName())
                    || record.getMessage().contains("without using an attempt"))
            .assertLogRecords(records -> {
                assertThat(records).filteredOn(r -> r.getLevel().intValue() == Level.WARNING.intValue())
                        .extracting(r -> r.getParameters()[0] + " " + r.getParameters()[1] + "#" + r.getParameters()[2])
                        .containsExactly("retried " + Handlers.class.getName() + "#retried");
                // The refusals the tests below expect did happen: a job run at once would pass them too.
                assertThat(records).extracting(r -> String.valueOf(r.getParameters()[2]))
                        .anyMatch(error -> error.contains("CircuitBreakerOpenException"))
                        .anyMatch(error -> error.contains("RateLimitException"));
            });

    @Inject
    JobQueue jobs;

    @Test
    void aTimeoutFailsTheAttemptAndTheQueueRetriesIt() throws Exception {
        JobId id = jobs.enqueue("slow", "first");

        JobInfo job = TestApps.awaitSucceeded(jobs, id);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.error())
                .contains("org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException"));
    }

    @Test
    void anOpenCircuitBreakerReschedulesWithoutUsingAnAttempt() throws Exception {
        TestApps.awaitEnd(jobs, jobs.enqueue("fragile", "fail"), JobState.DEAD);
        TestApps.awaitEnd(jobs, jobs.enqueue("fragile", "fail"), JobState.DEAD);

        JobId refused = jobs.enqueue("fragile", "ok");

        JobInfo job = TestApps.awaitSucceeded(jobs, refused);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.attempts()).isEmpty();
    }

    @Test
    void anExceededRateLimitReschedulesWithoutUsingAnAttempt() throws Exception {
        List<JobId> ids = jobs.enqueueAll("limited", List.of("a", "b", "c"));

        for (JobId id : ids) {
            JobInfo job = TestApps.awaitSucceeded(jobs, id);
            assertThat(job.attempt()).isEqualTo(1);
        }
    }

    static class Handlers {

        static volatile boolean slowTimedOut;

        @Timeout(200)
        @JobHandler(value = "slow", maxAttempts = 3)
        void slow(String name) throws InterruptedException {
            if (!slowTimedOut) {
                slowTimedOut = true;
                Thread.sleep(10_000);
            }
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.SECONDS)
        @JobHandler(value = "fragile", maxAttempts = 1)
        void fragile(String mode) {
            if (mode.equals("fail")) {
                throw new IllegalStateException("failing on purpose");
            }
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.SECONDS)
        @JobHandler(value = "limited", maxAttempts = 1)
        void limited(String name) {
        }

        @Retry(maxRetries = 2)
        @JobHandler("retried")
        void retried() {
        }
    }
}
