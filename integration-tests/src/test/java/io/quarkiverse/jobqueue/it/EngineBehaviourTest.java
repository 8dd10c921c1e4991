package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.it.TestHandlers.ExecutionContext;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EngineBehaviourTest {

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    TestHandlers handlers;

    @Test
    void handlersRunOnWorkerThreadsWithTheirOwnRequestContextAndJobMdc() {
        JobId first = jobs.enqueue("it-context", null);
        JobId second = jobs.enqueue("it-context", null);
        awaitState(jobs, first, JobState.SUCCEEDED);
        awaitState(jobs, second, JobState.SUCCEEDED);

        ExecutionContext one = handlers.contexts.get(first);
        ExecutionContext two = handlers.contexts.get(second);
        assertThat(one.thread()).startsWith("job-queue-default-");
        assertThat(one.requestContextActive()).isTrue();
        assertThat(one.requestId()).isNotEqualTo(two.requestId());
        assertThat(one.mdcId()).isEqualTo(first.toString());
        assertThat(one.mdcType()).isEqualTo("it-context");
        assertThat(one.mdcAttempt()).isEqualTo("1");
    }

    @Test
    void notificationFromTheDatabaseWakesAnIdleWorkerLongBeforeItsPoll() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        JobEngine engine = StandaloneEngines.on(store, mapper).pollInterval(Duration.ofMinutes(5))
                .engine("listening-instance", "notified", "it-notified", (payload, context) -> {
                    ran.countDown();
                    return null;
                });
        engine.start();
        try {
            // Let the engine finish its first look at the queue and start waiting, so that the job below can only
            // be found through a wake-up.
            Thread.sleep(1_000);

            // Enqueued through the application, whose own engine does not serve this queue: only the database
            // notification can reach the waiting engine before its 5-minute poll.
            JobId id = jobs.enqueue("it-notified", null, JobOptions.defaults().queue("notified"));

            assertThat(ran.await(10, TimeUnit.SECONDS)).as("woken by LISTEN/NOTIFY").isTrue();
            awaitState(jobs, id, JobState.SUCCEEDED);
        } finally {
            engine.stop();
        }
    }

    @Test
    void heartbeatsKeepTheLeaseOfAJobThatRunsLongerThanTheLease() {
        AtomicInteger runs = new AtomicInteger();
        // The application's engine recovers expired leases every 300 ms: without heartbeats it would take the job.
        JobEngine engine = StandaloneEngines.on(store, mapper).lease(Duration.ofMillis(900))
                .engine("slow-instance", "slow", "it-slow", (payload, context) -> {
                    runs.incrementAndGet();
                    Thread.sleep(2_500);
                    return null;
                });
        engine.start();
        try {
            JobId id = jobs.enqueue("it-slow", null, JobOptions.defaults().queue("slow"));

            JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);

            assertThat(runs.get()).isEqualTo(1);
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.attempts()).isEmpty();
        } finally {
            engine.stop();
        }
    }

    @Test
    void retentionZeroDeletesJobsAsTheySucceed() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        JobEngine engine = StandaloneEngines.on(store, mapper).retainSucceeded(Duration.ZERO)
                .engine("forgetful-instance", "forgetful", "it-forgetful", (payload, context) -> {
                    ran.countDown();
                    return null;
                });
        engine.start();
        try {
            JobId id = jobs.enqueue("it-forgetful", null, JobOptions.defaults().queue("forgetful"));

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.find(id).isEmpty());
        } finally {
            engine.stop();
        }
    }

    @Test
    void succeededJobsArePrunedAfterTheirRetentionButDeadJobsAreKept() {
        JobId dead = jobs.enqueue("it-non-retryable", null);
        awaitState(jobs, dead, JobState.DEAD);
        JobEngine engine = StandaloneEngines.on(store, mapper).retainSucceeded(Duration.ofMillis(300))
                .maintenanceInterval(Duration.ofMillis(200))
                .engine("pruning-instance", "pruned", "it-pruned", (payload, context) -> null);
        engine.start();
        try {
            JobId id = jobs.enqueue("it-pruned", null, JobOptions.defaults().queue("pruned"));
            awaitState(jobs, id, JobState.SUCCEEDED);

            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.find(id).isEmpty());
            assertThat(jobs.find(dead)).isPresent();
        } finally {
            engine.stop();
        }
    }

    @Test
    void retriesOfThisInstanceRunAtTheirDueTimesNotAtItsNextPoll() {
        JobEngine engine = StandaloneEngines.on(store, mapper).pollInterval(Duration.ofMinutes(5)).concurrency(4)
                .engine("retrying-instance", "retrying", "it-retrying", (payload, context) -> {
                    if (context.attempt() == 1) {
                        throw new IllegalStateException("the first attempt fails");
                    }
                    return null;
                });
        engine.start();
        try {
            // The first attempts are woken by the database notification (the engine listens once started). Each
            // failure is then retried within 100 ms, each at a different time, long before the 5-minute poll.
            List<JobId> ids = jobs.enqueueAll("it-retrying", Collections.nCopies(5, null),
                    JobOptions.defaults().queue("retrying"));

            ids.forEach(id -> assertThat(awaitState(jobs, id, JobState.SUCCEEDED, Duration.ofSeconds(15)).attempt())
                    .isEqualTo(2));
        } finally {
            engine.stop();
        }
    }
}
