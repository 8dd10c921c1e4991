package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A job enqueued while a worker of its queue in this instance is idle is written {@code RUNNING}, taken by this
 * instance, and starts without a claim. Inside the caller's transaction the written state is visible to the caller
 * alone, before any claim could change it, which makes what was taken observable.
 */
class EnqueueHandOffTest {

    static final String QUEUE = "hand-off";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("enqueue-hand-off", Handlers.class)
            .overrideConfigKey("quarkus.job-queue.queues." + QUEUE + ".concurrency", "2")
            .overrideConfigKey("quarkus.job-queue.types.\"hand-off-limited\".max-concurrency", "5");

    @Inject
    JobQueue jobs;

    @Inject
    Handlers handlers;

    @Inject
    UserTransaction transactions;

    @BeforeEach
    void idleWorkers() throws InterruptedException {
        handlers.gate = new CountDownLatch(0);
        // A job run to its end: the dispatcher has looked at its queue and found it empty.
        TestApps.awaitSucceeded(jobs, jobs.enqueue("hand-off", "warm-up"));
        // Its worker counts itself free just after handing the outcome to the writer, which may store it first: let
        // it, so that both workers are idle when the test enqueues.
        Thread.sleep(100);
    }

    @AfterEach
    void openGate() {
        handlers.gate.countDown();
    }

    @Test
    void aJobEnqueuedWhileAWorkerIsIdleIsWrittenRunningInItsFirstAttempt() throws InterruptedException {
        handlers.gate = new CountDownLatch(1);

        JobId id = jobs.enqueue("hand-off", "now");

        JobInfo written = jobs.find(id).orElseThrow();
        assertThat(written.state()).isEqualTo(JobState.RUNNING);
        assertThat(written.attempt()).isEqualTo(1);
        assertThat(written.startedAt()).isEqualTo(written.createdAt());
        handlers.gate.countDown();
        JobInfo done = TestApps.awaitSucceeded(jobs, id);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(handlers.runs.get(id).get()).isEqualTo(1);
    }

    @Test
    void insideATransactionOnlyJobsThatCouldStartNowAreTaken() throws InterruptedException {
        Map<String, JobInfo> written = QuarkusTransaction.requiringNew().call(() -> {
            JobId plain = jobs.enqueue("hand-off", "plain");
            JobId keyed = jobs.enqueue("hand-off", "keyed", JobOptions.defaults().uniqueKey("hand-off-key"));
            JobId delayed = jobs.enqueue("hand-off", "delayed", JobOptions.defaults().delay(Duration.ofHours(1)));
            JobId limited = jobs.enqueue("hand-off-limited", "limited");
            return Map.of("plain", jobs.find(plain).orElseThrow(), "keyed", jobs.find(keyed).orElseThrow(),
                    "delayed", jobs.find(delayed).orElseThrow(), "limited", jobs.find(limited).orElseThrow());
        });

        assertThat(written.get("plain").state()).isEqualTo(JobState.RUNNING);
        assertThat(written.get("keyed").state()).as("another job may hold its key").isEqualTo(JobState.PENDING);
        assertThat(written.get("delayed").state()).isEqualTo(JobState.SCHEDULED);
        assertThat(written.get("limited").state()).as("its limits are counted by claims")
                .isEqualTo(JobState.PENDING);
        for (String name : List.of("plain", "keyed", "limited")) {
            assertThat(TestApps.awaitSucceeded(jobs, written.get(name).id()).attempt()).as(name).isEqualTo(1);
        }
        assertThat(jobs.cancel(written.get("delayed").id())).isTrue();
    }

    @Test
    void aTakenJobStartsOnlyOnceItsTransactionCommits() throws Exception {
        transactions.begin();
        JobId id = jobs.enqueue("hand-off", "after-commit");
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        Thread.sleep(300);
        assertThat(handlers.runs).doesNotContainKey(id);
        transactions.commit();

        assertThat(TestApps.awaitSucceeded(jobs, id).attempt()).isEqualTo(1);
        assertThat(handlers.runs.get(id).get()).isEqualTo(1);
    }

    @Test
    void aTakenJobOfARolledBackTransactionNeverRunsAndKeepsNoWorker() throws Exception {
        handlers.gate = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            transactions.begin();
            JobId id = jobs.enqueue("hand-off", "rolled-back");
            assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            transactions.rollback();
            assertThat(jobs.find(id)).isEmpty();
        }

        JobId after = jobs.enqueue("hand-off", "after");
        assertThat(jobs.find(after).orElseThrow().state()).as("both workers are still idle").isEqualTo(JobState.RUNNING);
        handlers.gate.countDown();
        TestApps.awaitSucceeded(jobs, after);
        assertThat(handlers.payloads).doesNotContainValue("rolled-back");
    }

    @Test
    void jobsBeyondTheIdleWorkersAreLeftToClaims() throws InterruptedException {
        handlers.gate = new CountDownLatch(1);

        List<JobId> ids = jobs.enqueueAll("hand-off", List.of("a", "b", "c", "d"));

        List<JobState> states = ids.stream().map(id -> jobs.find(id).orElseThrow().state()).toList();
        assertThat(states.subList(0, 2)).containsOnly(JobState.RUNNING);
        handlers.gate.countDown();
        for (JobId id : ids) {
            assertThat(TestApps.awaitSucceeded(jobs, id).attempt()).isEqualTo(1);
            assertThat(handlers.runs.get(id).get()).isEqualTo(1);
        }
    }

    @Singleton
    public static class Handlers {

        final Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>();
        final Map<JobId, String> payloads = new ConcurrentHashMap<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @JobHandler(value = "hand-off", queue = QUEUE)
        void handle(String payload, JobContext context) throws InterruptedException {
            payloads.put(context.id(), payload);
            runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
            gate.await(30, TimeUnit.SECONDS);
        }

        @JobHandler(value = "hand-off-limited", queue = QUEUE)
        void limited(String payload) {
        }
    }
}
