package io.quarkiverse.jobqueue.deployment.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.deployment.logging.CapturedLogs;
import io.quarkiverse.jobqueue.event.JobAttemptFailed;
import io.quarkiverse.jobqueue.event.JobDead;
import io.quarkiverse.jobqueue.event.JobSucceeded;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Observers that throw: the failure is logged with the job's MDC, the other observers still hear of the event, and
 * the job's outcome stays as it was stored.
 */
class ThrowingObserversTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("throwing_observers", Handlers.class, Observers.class,
            CapturedLogs.class)
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "10ms");

    /** The observers that ran, as "event/kind job-id". */
    static final Set<String> HEARD = ConcurrentHashMap.newKeySet();

    @Inject
    JobQueue jobs;

    CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aThrowingSynchronousObserverChangesNothing() throws Exception {
        JobId id = jobs.enqueue("succeeds", "a");

        TestApps.awaitSucceeded(jobs, id);
        await(() -> HEARD.contains("succeeded/async " + id));
        assertThat(HEARD).contains("succeeded/sync " + id);
        // The stored outcome stays, later too.
        Thread.sleep(200);
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertObserverFailureLogged(id, "A synchronous observer of JobSucceeded failed");
    }

    @Test
    void aThrowingObserverOfAFailedAttemptDoesNotStopTheRetry() throws Exception {
        JobId id = jobs.enqueue("fails-once", "b");

        assertThat(TestApps.awaitSucceeded(jobs, id).attempt()).isEqualTo(2);
        assertThat(HEARD).contains("attempt-failed/sync " + id);
        assertObserverFailureLogged(id, "A synchronous observer of JobAttemptFailed failed");
    }

    @Test
    void aThrowingAsynchronousObserverChangesNothing() throws Exception {
        JobId id = jobs.enqueue("always-fails", "c");

        TestApps.awaitEnd(jobs, id, JobState.DEAD);
        await(() -> HEARD.contains("dead/async " + id));
        await(() -> !failuresLogged(id, "An asynchronous observer of JobDead failed").isEmpty());
        Thread.sleep(200);
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
        assertObserverFailureLogged(id, "An asynchronous observer of JobDead failed");
    }

    private void assertObserverFailureLogged(JobId id, String message) {
        assertThat(failuresLogged(id, message)).singleElement().satisfies(record -> {
            assertThat(record.getMdc("job.id")).isEqualTo(id.toString());
            assertThat(record.getMdc("job.type")).isNotBlank();
            assertThat(record.getMdc("job.attempt")).isNotBlank();
            assertThat(record.getThrown()).hasMessageContaining("observer fails");
        });
    }

    private List<ExtLogRecord> failuresLogged(JobId id, String message) {
        return logs.about(id.toString()).stream().filter(r -> r.getFormattedMessage().startsWith(message)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s; heard %s", HEARD).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static class Handlers {

        @JobHandler("succeeds")
        void succeeds(String payload) {
        }

        @JobHandler(value = "fails-once", maxAttempts = 3)
        void failsOnce(String payload, JobContext context) {
            if (context.attempt() == 1) {
                throw new IllegalStateException("attempt 1 fails");
            }
        }

        @JobHandler(value = "always-fails", maxAttempts = 1)
        void alwaysFails(String payload) {
            throw new IllegalStateException("it always fails");
        }
    }

    @Singleton
    static class Observers {

        void succeeded(@Observes JobSucceeded event) {
            HEARD.add("succeeded/sync " + event.job().id());
            throw new IllegalStateException("The synchronous observer fails");
        }

        void succeededAsync(@ObservesAsync JobSucceeded event) {
            HEARD.add("succeeded/async " + event.job().id());
        }

        void attemptFailed(@Observes JobAttemptFailed event) {
            HEARD.add("attempt-failed/sync " + event.job().id());
            throw new IllegalStateException("The synchronous observer fails too");
        }

        void deadAsync(@ObservesAsync JobDead event) {
            HEARD.add("dead/async " + event.job().id());
            throw new IllegalStateException("The asynchronous observer fails");
        }
    }
}
