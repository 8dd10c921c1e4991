package io.quarkiverse.jobqueue.deployment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The {@link JobStoreContract} plus the JDBC store's transaction semantics: enqueueing joins the caller's JTA
 * transaction, and {@code afterCommit} runs only once it commits.
 */
public abstract class JdbcStoreContract extends JobStoreContract {

    // ---- transactions

    @Test
    void insertInARolledBackTransactionLeavesNothing() {
        NewJob job = job("tx-rollback", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(job), () -> afterCommit.set(true));
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");

        assertThat(store.find(job.id(), t0)).isEmpty();
        assertThat(afterCommit).isFalse();
        assertThat(claim(List.of(type("tx-rollback")), 10, OWNER, t0)).isEmpty();
    }

    @Test
    void insertInACommittedTransactionRunsAfterCommitOnceVisible() {
        NewJob job = job("tx-commit", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();
        AtomicReference<Boolean> visibleToOthers = new AtomicReference<>();

        QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(job), () -> {
                // Another thread, outside this transaction, sees the job by now.
                visibleToOthers.set(CompletableFuture.supplyAsync(() -> store.find(job.id(), t0).isPresent())
                        .orTimeout(30, TimeUnit.SECONDS).join());
                afterCommit.set(true);
            });
            assertThat(afterCommit).as("afterCommit ran before the commit").isFalse();
        });

        assertThat(afterCommit).isTrue();
        assertThat(visibleToOthers.get()).isTrue();
        assertThat(single(claim(List.of(type("tx-commit")), 10, OWNER, t0)).id()).isEqualTo(job.id());
    }

    @Test
    void aKeyConflictInTheCallersTransactionAnswersTheHolderAndLeavesTheTransactionCommittable() {
        String key = queue + ":tx";
        NewJob first = keyed(job("tx-unique", 0, t0, t0), key);
        NewJob second = keyed(job("tx-unique", 0, t0, t0), key);
        NewJob unkeyed = job("tx-unique", 0, t0, t0);

        List<List<JobId>> answers = QuarkusTransaction.requiringNew().call(() -> List.of(
                store.insert(List.of(first), () -> {
                }), store.insert(List.of(second), () -> {
                }), store.insert(List.of(unkeyed), () -> {
                })));

        assertThat(answers).containsExactly(List.of(first.id()), List.of(first.id()), List.of(unkeyed.id()));
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id)
                .containsExactlyInAnyOrder(first.id(), unkeyed.id());
    }

    @Test
    void aKeyInsertedByAnUncommittedTransactionIsAnsweredOnceThatCommits() throws Exception {
        String key = queue + ":pending-tx";
        NewJob first = keyed(job("tx-wait", 0, t0, t0), key);
        CompletableFuture<JobId> second = new CompletableFuture<>();

        QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(first), () -> {
            });
            // Another inserter of the key waits for this transaction rather than writing a second job. Its own
            // transaction read before, so a REPEATABLE READ snapshot predates the holder's commit.
            CompletableFuture.runAsync(() -> {
                try {
                    second.complete(QuarkusTransaction.requiringNew().call(() -> {
                        store.list(null, queue, 1, t0);
                        return insertKeyed(key);
                    }));
                } catch (RuntimeException | AssertionError e) {
                    second.completeExceptionally(e);
                }
            });
            try {
                second.get(500, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Still waiting, as it should.
            }
            assertThat(second).as("answered before the holder committed").isNotDone();
        });

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(first.id());
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id).containsExactly(first.id());
    }
}
