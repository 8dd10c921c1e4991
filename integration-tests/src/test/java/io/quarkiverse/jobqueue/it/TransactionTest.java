package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TransactionTest {

    @Inject
    JobQueue jobs;

    @Inject
    TestHandlers handlers;

    @Test
    void enqueueInRolledBackTransactionLeavesNoJob() throws InterruptedException {
        AtomicReference<JobId> id = new AtomicReference<>();

        QuarkusTransaction.begin();
        id.set(jobs.enqueue("it-count", null));
        assertThat(jobs.find(id.get())).as("visible inside its transaction").isPresent();
        QuarkusTransaction.rollback();

        Thread.sleep(500);
        assertThat(jobs.find(id.get())).isEmpty();
        assertThat(handlers.runs).doesNotContainKey(id.get());
    }

    @Test
    void enqueueInCommittedTransactionRunsAfterCommit() {
        JobId id = QuarkusTransaction.requiringNew().call(() -> jobs.enqueue("it-count", null));

        awaitState(jobs, id, JobState.SUCCEEDED);
        assertThat(handlers.runs.get(id).get()).isEqualTo(1);
    }

    @Test
    void aJobEnqueuedInATransactionStartsOnlyOnceItCommits() {
        // Workers are idle here, so the job is taken as it is written: it must still wait for the commit.
        JobId id = QuarkusTransaction.requiringNew().call(() -> {
            JobId enqueued = jobs.enqueue("it-count", null);
            Thread.sleep(300);
            assertThat(handlers.runs).doesNotContainKey(enqueued);
            return enqueued;
        });

        awaitState(jobs, id, JobState.SUCCEEDED);
        assertThat(handlers.runs.get(id).get()).isEqualTo(1);
    }

    @Test
    void enqueueAllInRolledBackTransactionLeavesNoJob() {
        QuarkusTransaction.begin();
        var ids = jobs.enqueueAll("it-count", java.util.Collections.nCopies(10, null));
        QuarkusTransaction.rollback();

        assertThat(ids).allSatisfy(id -> assertThat(jobs.find(id)).isEmpty());
    }
}
