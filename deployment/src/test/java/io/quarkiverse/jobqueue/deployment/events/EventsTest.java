package io.quarkiverse.jobqueue.deployment.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.event.JobAttemptFailed;
import io.quarkiverse.jobqueue.event.JobCancelled;
import io.quarkiverse.jobqueue.event.JobDead;
import io.quarkiverse.jobqueue.event.JobSucceeded;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The CDI events: each outcome of an attempt, once stored, reaches synchronous and asynchronous observers with the
 * job as stored.
 */
class EventsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("events", Handlers.class, Observers.class, Received.class)
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "10ms")
            .overrideConfigKey("quarkus.job-queue.maintenance-interval", "200ms");

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Test
    void aSucceededJob() throws Exception {
        JobId id = jobs.enqueue("succeeds", "a");

        JobInfo stored = TestApps.awaitSucceeded(jobs, id);
        for (Object event : List.of(awaitEvent("sync", JobSucceeded.class, id, 1),
                awaitEvent("async", JobSucceeded.class, id, 1))) {
            JobInfo job = ((JobSucceeded) event).job();
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.result()).isEqualTo("\"done a\"").isEqualTo(stored.result());
            assertThat(job.payload()).isEqualTo("\"a\"");
            assertThat(job.finishedAt()).isCloseTo(stored.finishedAt(), within(1, ChronoUnit.MILLIS));
            assertThat(job.lastError()).isNull();
        }
        // Fired once the outcome is stored.
        assertThat(STORED_WHEN_SUCCEEDED.get(id)).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aFailedAttemptThenSuccess() throws Exception {
        JobId id = jobs.enqueue("fails-once", "b");

        TestApps.awaitSucceeded(jobs, id);
        for (String kind : List.of("sync", "async")) {
            JobAttemptFailed failed = (JobAttemptFailed) awaitEvent(kind, JobAttemptFailed.class, id, 1);
            assertThat(failed.job().state()).isEqualTo(JobState.RETRYING);
            assertThat(failed.job().attempt()).isEqualTo(1);
            assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException: attempt 1 fails")
                    .isEqualTo(failed.job().lastError());
            assertThat(failed.nextRunAt()).isEqualTo(failed.job().runAt()).isNotNull();
            assertThat(failed.job().attempts()).singleElement()
                    .satisfies(attempt -> assertThat(attempt.error()).isEqualTo(failed.error()));

            JobSucceeded succeeded = (JobSucceeded) awaitEvent(kind, JobSucceeded.class, id, 2);
            assertThat(succeeded.job().attempt()).isEqualTo(2);
            assertThat(succeeded.job().lastError()).isEqualTo("java.lang.IllegalStateException: attempt 1 fails");
            assertThat(succeeded.job().attempts()).hasSize(1);
        }
    }

    @Test
    void aDeadJob() throws Exception {
        JobId id = jobs.enqueue("always-fails", "c");

        JobInfo stored = TestApps.awaitEnd(jobs, id, JobState.DEAD);
        for (String kind : List.of("sync", "async")) {
            assertThat(awaitEvent(kind, JobAttemptFailed.class, id, 1)).isNotNull();
            JobDead dead = (JobDead) awaitEvent(kind, JobDead.class, id, 2);
            assertThat(dead.job().state()).isEqualTo(JobState.DEAD);
            assertThat(dead.job().attempt()).isEqualTo(2);
            assertThat(dead.job().lastError()).isEqualTo("java.lang.IllegalStateException: attempt 2 fails")
                    .isEqualTo(stored.lastError());
            assertThat(dead.job().attempts()).hasSize(2);
            assertThat(dead.job().finishedAt()).isCloseTo(stored.finishedAt(), within(1, ChronoUnit.MILLIS));
        }
        assertThat(Received.of("sync", id)).noneMatch(event -> event instanceof JobSucceeded);
    }

    @Test
    void aRunningJobCancelled() throws Exception {
        JobId id = jobs.enqueue("waits-for-cancellation", "d");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs.find(id).orElseThrow().state() != JobState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(jobs.cancel(id)).isTrue();
        TestApps.awaitEnd(jobs, id, JobState.CANCELLED);
        for (String kind : List.of("sync", "async")) {
            JobCancelled cancelled = (JobCancelled) awaitEvent(kind, JobCancelled.class, id, 1);
            assertThat(cancelled.job().state()).isEqualTo(JobState.CANCELLED);
            assertThat(cancelled.job().finishedAt()).isNotNull();
        }
    }

    @Test
    void aWaitingJobCancelled() throws Exception {
        JobId id = jobs.enqueue("waits-for-cancellation", "e", JobOptions.defaults().delay(Duration.ofHours(1)));

        assertThat(jobs.cancel(id)).isTrue();
        for (String kind : List.of("sync", "async")) {
            JobCancelled cancelled = (JobCancelled) awaitEvent(kind, JobCancelled.class, id, 0);
            assertThat(cancelled.job().state()).isEqualTo(JobState.CANCELLED);
            assertThat(cancelled.job().finishedAt()).isNotNull();
        }
        assertThat(jobs.cancel(id)).isFalse();
        Thread.sleep(200);
        assertThat(Received.of("sync", id)).hasSize(1);
        assertThat(Received.of("async", id)).hasSize(1);
    }

    @Test
    void anAttemptLostWithItsWorker() throws Exception {
        // A job another instance claimed, then crashed: its lease expires and this instance records the lost attempt.
        JobId id = TestApps.claimedByACrashedInstance(store, "lost", "served-elsewhere");

        for (String kind : List.of("sync", "async")) {
            JobAttemptFailed failed = (JobAttemptFailed) awaitEvent(kind, JobAttemptFailed.class, id, 1);
            assertThat(failed.job().state()).isEqualTo(JobState.RETRYING);
            assertThat(failed.error()).startsWith("The lease of attempt 1 expired");
            assertThat(failed.job().attempts()).singleElement()
                    .satisfies(attempt -> assertThat(attempt.stackTrace()).isNull());
        }
    }

    /** Waits for the event of {@code type} about attempt {@code attempt} of job {@code id}. */
    private static Object awaitEvent(String kind, Class<?> type, JobId id, int attempt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Object event : Received.of(kind, id)) {
                if (type.isInstance(event) && Received.job(event).attempt() == attempt) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No " + kind + " " + type.getSimpleName() + " for attempt " + attempt + " of job "
                + id + "; got " + Received.of(kind, id));
    }

    static class Handlers {

        @JobHandler("succeeds")
        String succeeds(String payload) {
            return "done " + payload;
        }

        @JobHandler(value = "fails-once", maxAttempts = 3)
        void failsOnce(String payload, JobContext context) {
            if (context.attempt() == 1) {
                throw new IllegalStateException("attempt 1 fails");
            }
        }

        @JobHandler(value = "always-fails", maxAttempts = 2)
        void alwaysFails(String payload, JobContext context) {
            throw new IllegalStateException("attempt " + context.attempt() + " fails");
        }

        @JobHandler("waits-for-cancellation")
        void waitsForCancellation(String payload, JobContext context) throws InterruptedException {
            while (!context.isCancellationRequested()) {
                Thread.sleep(10);
            }
        }
    }

    /** Every event received, with how it was observed. */
    static final class Received {

        record Entry(String kind, Object event) {
        }

        static final List<Entry> ALL = new CopyOnWriteArrayList<>();

        static void add(String kind, Object event) {
            ALL.add(new Entry(kind, event));
        }

        static List<Object> of(String kind, JobId id) {
            return ALL.stream().filter(e -> e.kind().equals(kind) && job(e.event()).id().equals(id))
                    .map(Entry::event).toList();
        }

        static JobInfo job(Object event) {
            if (event instanceof JobSucceeded e) {
                return e.job();
            } else if (event instanceof JobAttemptFailed e) {
                return e.job();
            } else if (event instanceof JobDead e) {
                return e.job();
            }
            return ((JobCancelled) event).job();
        }
    }

    /** The job's state in the store when a synchronous observer heard it succeeded, by job. */
    static final Map<JobId, JobState> STORED_WHEN_SUCCEEDED = new ConcurrentHashMap<>();

    @Singleton
    static class Observers {

        @Inject
        JobQueue jobs;

        void succeeded(@Observes JobSucceeded event) {
            STORED_WHEN_SUCCEEDED.put(event.job().id(), jobs.find(event.job().id()).orElseThrow().state());
            Received.add("sync", event);
        }

        void attemptFailed(@Observes JobAttemptFailed event) {
            Received.add("sync", event);
        }

        void dead(@Observes JobDead event) {
            Received.add("sync", event);
        }

        void cancelled(@Observes JobCancelled event) {
            Received.add("sync", event);
        }

        void succeededAsync(@ObservesAsync JobSucceeded event) {
            Received.add("async", event);
        }

        void attemptFailedAsync(@ObservesAsync JobAttemptFailed event) {
            Received.add("async", event);
        }

        void deadAsync(@ObservesAsync JobDead event) {
            Received.add("async", event);
        }

        void cancelledAsync(@ObservesAsync JobCancelled event) {
            Received.add("async", event);
        }
    }
}
