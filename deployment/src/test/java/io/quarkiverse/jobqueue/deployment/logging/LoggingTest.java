package io.quarkiverse.jobqueue.deployment.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
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
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every line logged about a job carries its id, type, queue and attempt in the MDC; a failed attempt logs one WARN
 * line with the error, a dead job one ERROR line with the stack trace.
 */
class LoggingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("logging", Handlers.class, CapturedLogs.class)
            .overrideConfigKey("quarkus.job-queue.retry.initial-backoff", "10ms")
            .overrideConfigKey("quarkus.job-queue.maintenance-interval", "200ms");

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

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
    void aFailedAttemptLogsOneWarningAndADeadJobOneErrorWithItsStackTrace() throws Exception {
        JobId id = jobs.enqueue("fails", "payload");

        TestApps.awaitEnd(jobs, id, JobState.DEAD);
        List<ExtLogRecord> about = logs.about(id.toString());
        assertEveryLineCarriesTheJob(about, id, "fails");

        List<ExtLogRecord> warnings = atLevel(about, org.jboss.logmanager.Level.WARN);
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getMdc("job.attempt")).isEqualTo("1");
            assertThat(warning.getFormattedMessage()).contains("failed attempt 1 of 2")
                    .contains("java.lang.IllegalStateException: attempt 1 fails");
            assertThat(warning.getThrown()).isNull();
        });
        List<ExtLogRecord> errors = atLevel(about, org.jboss.logmanager.Level.ERROR);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getMdc("job.attempt")).isEqualTo("2");
            assertThat(error.getFormattedMessage()).contains("is DEAD after attempt 2 of 2")
                    .contains("attempt 2 fails");
            assertThat(error.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("attempt 2 fails");
            assertThat(error.getThrown().getStackTrace()).isNotEmpty();
        });
    }

    @Test
    void theHandlersOwnLinesCarryTheJob() throws Exception {
        JobId id = jobs.enqueue("logs", "payload");

        TestApps.awaitSucceeded(jobs, id);
        List<ExtLogRecord> about = logs.about(id.toString());
        assertThat(about).anySatisfy(record -> assertThat(record.getFormattedMessage()).isEqualTo("working"));
        assertEveryLineCarriesTheJob(about, id, "logs");
    }

    @Test
    void aCancelledJobLogsWithItsMdc() throws Exception {
        JobId id = jobs.enqueue("waits-for-cancellation", "payload");
        while (jobs.find(id).orElseThrow().state() != JobState.RUNNING) {
            Thread.sleep(20);
        }

        jobs.cancel(id);
        TestApps.awaitEnd(jobs, id, JobState.CANCELLED);
        List<ExtLogRecord> about = logs.about(id.toString());
        assertThat(about).anySatisfy(record -> assertThat(record.getFormattedMessage()).contains("is CANCELLED"));
        assertEveryLineCarriesTheJob(about, id, "waits-for-cancellation");
    }

    @Test
    void theLineOfAnAttemptLostWithItsWorkerCarriesTheJob() throws Exception {
        // Claimed by an instance that then crashed: this instance's maintenance records the lost attempt.
        JobId id = TestApps.claimedByACrashedInstance(store, "lost", "served-elsewhere");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs.find(id).orElseThrow().state() != JobState.RETRYING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.RETRYING);
        List<ExtLogRecord> about = logs.about(id.toString());
        assertThat(atLevel(about, org.jboss.logmanager.Level.WARN)).singleElement().satisfies(warning -> assertThat(
                warning.getFormattedMessage()).contains("failed attempt 1 of 3").contains("The lease of attempt 1"));
        assertThat(about).allSatisfy(record -> {
            assertThat(record.getMdc("job.id")).isEqualTo(id.toString());
            assertThat(record.getMdc("job.type")).isEqualTo("lost");
            assertThat(record.getMdc("job.queue")).isEqualTo("served-elsewhere");
            assertThat(record.getMdc("job.attempt")).isEqualTo("1");
        });
    }

    private static void assertEveryLineCarriesTheJob(List<ExtLogRecord> records, JobId id, String type) {
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            assertThat(record.getMdc("job.id")).as(record.getFormattedMessage()).isEqualTo(id.toString());
            assertThat(record.getMdc("job.type")).as(record.getFormattedMessage()).isEqualTo(type);
            assertThat(record.getMdc("job.queue")).as(record.getFormattedMessage()).isEqualTo("default");
            assertThat(record.getMdc("job.attempt")).as(record.getFormattedMessage()).matches("[1-9][0-9]*");
        });
    }

    private static List<ExtLogRecord> atLevel(List<ExtLogRecord> records, java.util.logging.Level level) {
        return records.stream().filter(record -> record.getLevel().equals(level)).toList();
    }

    static class Handlers {

        private static final Logger LOG = Logger.getLogger("io.quarkiverse.jobqueue.test.Handlers");

        @JobHandler(value = "fails", maxAttempts = 2)
        void fails(String payload, JobContext context) {
            throw new IllegalStateException("attempt " + context.attempt() + " fails");
        }

        @JobHandler("logs")
        void logs(String payload) {
            LOG.info("working");
        }

        @JobHandler("waits-for-cancellation")
        void waitsForCancellation(String payload, JobContext context) throws InterruptedException {
            while (!context.isCancellationRequested()) {
                Thread.sleep(10);
            }
        }
    }
}
