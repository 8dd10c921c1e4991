package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LeaseAndShutdownTest {

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    TestHandlers handlers;

    @Test
    void jobOfADeadWorkerRunsAgainWhenItsLeaseExpires() {
        // A worker that claims the job and dies: its lease is never renewed, its outcome never written.
        Instant due = Instant.now().plusSeconds(2);
        JobId id = jobs.enqueue("it-lease", null, JobOptions.defaults().runAt(due));
        List<ClaimedJob> claimed = store.claim("default", Set.of("it-lease"), 10, "crashed-worker", due,
                Instant.now().plusMillis(500));
        assertThat(claimed).extracting(ClaimedJob::id).contains(id);
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);

        assertThat(handlers.runs.get(id).get()).isEqualTo(1);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.attempts()).singleElement()
                .satisfies(lost -> assertThat(lost.error()).contains("The lease of attempt 1 expired"));
    }

    @Test
    void heldLeaseIsNotTakenOver() throws InterruptedException {
        Instant due = Instant.now().plusSeconds(1);
        JobId id = jobs.enqueue("it-lease", null, JobOptions.defaults().runAt(due));
        store.claim("default", Set.of("it-lease"), 10, "slow-worker", due, Instant.now().plusSeconds(60));

        Thread.sleep(1_500);

        JobInfo info = jobs.find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(JobState.RUNNING);
        assertThat(info.attempt()).isEqualTo(1);
        assertThat(handlers.runs).doesNotContainKey(id);
        jobs.list(JobState.RUNNING, null, 10);
    }

    @Test
    void shutdownReleasesUnfinishedJobsWithoutCountingTheAttempt() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        JobEngine stopping = StandaloneEngines.on(store, mapper).shutdownTimeout(Duration.ofMillis(300))
                .engine("stopping-instance", "shutdown", "it-shutdown", (payload, context) -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return null;
                });
        stopping.start();
        JobId id = jobs.enqueue("it-shutdown", null, JobOptions.defaults().queue("shutdown"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        stopping.stop();

        JobInfo released = jobs.find(id).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.PENDING);
        assertThat(released.attempt()).isZero();
        assertThat(released.attempts()).isEmpty();

        JobEngine next = StandaloneEngines.on(store, mapper).engine("next-instance", "shutdown", "it-shutdown",
                (payload, context) -> null);
        next.start();
        try {
            JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);
            assertThat(done.attempt()).isEqualTo(1);
        } finally {
            next.stop();
        }
    }

    @Test
    void shutdownWaitsForRunningJobsToFinish() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        JobEngine engine = StandaloneEngines.on(store, mapper).shutdownTimeout(Duration.ofSeconds(10))
                .engine("patient-instance", "shutdown-patient", "it-shutdown-patient", (payload, context) -> {
                    started.countDown();
                    Thread.sleep(500);
                    return null;
                });
        engine.start();
        JobId id = jobs.enqueue("it-shutdown-patient", null, JobOptions.defaults().queue("shutdown-patient"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        engine.stop();

        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }
}
