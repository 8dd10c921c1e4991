package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.junit.QuarkusTest;

/** Timeouts, cancellation of running jobs, progress and results, on PostgreSQL. */
@QuarkusTest
class RunningJobsTest {

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    RunningJobHandlers handlers;

    // ---- timeouts

    @Test
    void anAttemptPastItsTimeoutIsInterruptedAndRetried() {
        JobId id = jobs.enqueue("it-slow-first", null);

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);

        assertThat(handlers.interrupted).containsEntry(id, true);
        assertThat(done.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.error())
                .contains("Attempt 1 ran longer than its timeout of PT0.3S and was interrupted")
                .contains("raise the timeout"));
        assertThat(done.result()).isEqualTo("\"attempt 2\"");
    }

    @Test
    void theOptionsTimeoutOverridesTheHandlersAndEndsDeadWhenAttemptsRunOut() {
        JobId id = jobs.enqueue("it-sleep", null, JobOptions.defaults().timeout(Duration.ofMillis(200))
                .maxAttempts(1));

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.timeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(dead.lastError()).contains("ran longer than its timeout of PT0.2S");
        assertThat(handlers.interrupted).containsEntry(id, true);
    }

    // ---- cancellation

    @Test
    void cancellingASleepingHandlerInterruptsItAndEndsCancelled() throws InterruptedException {
        JobId id = jobs.enqueue("it-sleep", null);
        assertThat(handlers.started(id).await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(jobs.cancel(id)).isTrue();

        JobInfo cancelled = awaitState(jobs, id, JobState.CANCELLED, Duration.ofSeconds(5));
        assertThat(handlers.interrupted).containsEntry(id, true);
        assertThat(cancelled.cancelRequestedAt()).isNotNull();
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(cancelled.attempts()).as("a cancellation is no failed attempt").isEmpty();
        assertThat(jobs.cancel(id)).as("nothing left to cancel").isFalse();
    }

    @Test
    void aHandlerThatChecksForCancellationStopsAndEndsCancelled() throws InterruptedException {
        JobId id = jobs.enqueue("it-cooperative", null);
        assertThat(handlers.started(id).await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(jobs.cancel(id)).isTrue();

        awaitState(jobs, id, JobState.CANCELLED, Duration.ofSeconds(5));
    }

    @Test
    void aHandlerThatFinishesItsWorkDespiteTheCancellationSucceeds() throws InterruptedException {
        JobId id = jobs.enqueue("it-stubborn", null);
        assertThat(handlers.started(id).await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(jobs.cancel(id)).isTrue();

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);
        assertThat(handlers.interrupted).containsEntry(id, true);
        assertThat(done.result()).isEqualTo("\"finished anyway\"");
        assertThat(done.cancelRequestedAt()).as("the request stays visible").isNotNull();
    }

    @Test
    void aCancellationMadeElsewhereReachesTheRunningEngineAtItsNextHeartbeat() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        JobEngine other = StandaloneEngines.on(store, mapper).lease(Duration.ofMillis(1500))
                .engine("other-instance", "cancel-elsewhere", "it-cancel-elsewhere", (payload, context) -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return null;
                });
        other.start();
        try {
            JobId id = jobs.enqueue("it-cancel-elsewhere", null, JobOptions.defaults().queue("cancel-elsewhere"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            // This application's engine does not hold the job: only the other engine's heartbeat (every 500 ms)
            // tells it.
            assertThat(jobs.cancel(id)).isTrue();
            assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

            awaitState(jobs, id, JobState.CANCELLED, Duration.ofSeconds(10));
            assertThat(interrupted.getCount()).isZero();
        } finally {
            other.stop();
        }
    }

    @Test
    void aCancelledJobWhoseWorkerDiedEndsCancelledNotRetried() {
        Instant due = Instant.now().plusSeconds(1);
        JobId id = jobs.enqueue("it-sleep", null, JobOptions.defaults().runAt(due));
        List<ClaimedJob> claimed = store.claim("default", Set.of("it-sleep"), 10, "crashed-worker", due,
                Instant.now().plusMillis(1500));
        assertThat(claimed).extracting(ClaimedJob::id).contains(id);

        assertThat(jobs.cancel(id)).isTrue();

        JobInfo cancelled = awaitState(jobs, id, JobState.CANCELLED);
        assertThat(handlers.started).doesNotContainKey(id);
        assertThat(cancelled.attempt()).isEqualTo(1);
    }

    // ---- progress

    @Test
    void progressIsVisibleWhileTheJobRunsAndKeptAfterwards() throws InterruptedException {
        JobId id = jobs.enqueue("it-progress", "report");
        assertThat(handlers.started(id).await(10, TimeUnit.SECONDS)).isTrue();

        JobInfo running = jobs.find(id).orElseThrow();
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.progress()).extracting(JobProgress::done, JobProgress::total, JobProgress::message)
                .containsExactly(1L, 3L, "page 1");
        assertThat(running.progress().updatedAt()).isAfterOrEqualTo(running.startedAt());

        handlers.proceed(id).countDown();

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);
        assertThat(done.progress()).extracting(JobProgress::done, JobProgress::message).containsExactly(3L, "done");
    }

    @Test
    void impossibleProgressFailsTheAttemptWithTheFix() {
        JobId id = jobs.enqueue("it-bad-progress", null, JobOptions.defaults().maxAttempts(1));

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.lastError()).contains("Progress 5 of 3 is impossible: report 0 <= done <= total");
        assertThat(dead.progress()).isNull();
    }

    // ---- results

    @Test
    void resultsOfSynchronousUniAndCompletionStageHandlersAreStoredAsJson() {
        JobId sync = jobs.enqueue("it-result-sync", "sync");
        JobId uni = jobs.enqueue("it-result-uni", "uni");
        JobId stage = jobs.enqueue("it-result-stage", "stage");

        assertThat(awaitState(jobs, sync, JobState.SUCCEEDED).result()).isEqualTo("{\"name\":\"sync\",\"pages\":1}");
        assertThat(awaitState(jobs, uni, JobState.SUCCEEDED).result()).isEqualTo("{\"name\":\"uni\",\"pages\":2}");
        assertThat(awaitState(jobs, stage, JobState.SUCCEEDED).result())
                .isEqualTo("{\"name\":\"stage\",\"pages\":3}");
    }

    @Test
    void aResultThatCannotBeSerialisedFailsTheJobWithTheFix() {
        JobId id = jobs.enqueue("it-result-unserializable", null);

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.attempt()).as("not retried: it would fail the same way").isEqualTo(1);
        assertThat(dead.lastError()).contains("The result of " + RunningJobHandlers.class.getName()
                + "#resultUnserializable() (" + RunningJobHandlers.Unserializable.class.getName()
                + ") cannot be serialized to JSON").contains("Return a Jackson-mappable type").contains("replay");
        assertThat(dead.result()).isNull();
    }
}
