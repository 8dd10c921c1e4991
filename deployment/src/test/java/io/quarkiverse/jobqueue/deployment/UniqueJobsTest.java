package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.QuarkusUnitTest;

/** Unique jobs through {@link JobQueue}, with running workers, on H2. */
class UniqueJobsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("unique-jobs", Handler.class)
            .overrideConfigKey("quarkus.job-queue.retry.max-attempts", "1");

    @Inject
    JobQueue jobs;

    @Test
    void enqueueingAKeyAnActiveJobHoldsReturnsThatJobAndWritesNothing() throws Exception {
        JobOptions key = JobOptions.defaults().uniqueKey("report-2026-11");
        JobId first = jobs.enqueue("unique-report", "first", key);

        JobId second = jobs.enqueue("unique-report", "second", key);

        assertThat(second).isEqualTo(first);
        assertThat(jobs.find(first).orElseThrow().uniqueKey()).isEqualTo("report-2026-11");
        assertThat(jobs.find(first).orElseThrow().payload()).isEqualTo("\"first\"");
        TestApps.awaitSucceeded(jobs, first);
        JobId third = jobs.enqueue("unique-report", "third", key);
        assertThat(third).as("free again once succeeded").isNotEqualTo(first);
        assertThat(jobs.findByUniqueKey("report-2026-11").orElseThrow().id()).isEqualTo(third);
    }

    @Test
    void aKeyHeldInsideTheCallersTransactionIsAnsweredByTheSameTransaction() {
        JobOptions key = JobOptions.defaults().uniqueKey("tx-key").delay(Duration.ofHours(1));
        List<JobId> ids = QuarkusTransaction.requiringNew().call(() -> List.of(jobs.enqueue("unique-report", 1, key),
                jobs.enqueue("unique-report", 2, key)));

        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(jobs.list(JobState.SCHEDULED, null, 100)).filteredOn(job -> "tx-key".equals(job.uniqueKey()))
                .hasSize(1);
    }

    @Test
    void enqueueAllRefusesOneKeyForManyPayloadsAndWritesNothing() {
        JobOptions key = JobOptions.defaults().uniqueKey("batch-key");

        assertThatThrownBy(() -> jobs.enqueueAll("unique-report", List.of("a", "b"), key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 payloads of type 'unique-report' with the one unique key 'batch-key'")
                .hasMessageContaining("enqueue each payload with enqueue() and a key of its own");
        assertThat(jobs.list(null, null, 1000)).noneMatch(job -> "batch-key".equals(job.uniqueKey()));
        assertThat(jobs.enqueueAll("unique-report", List.of("only"), key)).hasSize(1);
    }

    @Test
    void replayingAJobWhoseKeyAnotherActiveJobHoldsFailsNamingTheHolder() throws Exception {
        JobOptions key = JobOptions.defaults().uniqueKey("replay-key");
        JobId dead = jobs.enqueue("unique-failing", null, key);
        awaitState(dead, JobState.DEAD);
        JobId holder = jobs.enqueue("unique-report", "later", key.delay(Duration.ofHours(1)));

        assertThatThrownBy(() -> jobs.replay(dead)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Job " + dead + " cannot be replayed: its unique key 'replay-key' is held by "
                        + "the active job " + holder + " (SCHEDULED)");
        assertThat(jobs.find(dead).orElseThrow().state()).isEqualTo(JobState.DEAD);

        assertThat(jobs.cancel(holder)).isTrue();
        assertThat(jobs.replay(dead)).isTrue();
    }

    private void awaitState(JobId id, JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jobs.find(id).orElseThrow().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(state);
    }

    static class Handler {
        @JobHandler("unique-report")
        void report(Object payload) {
        }

        @JobHandler("unique-failing")
        void fail() {
            throw new IllegalStateException("fails on purpose");
        }
    }
}
