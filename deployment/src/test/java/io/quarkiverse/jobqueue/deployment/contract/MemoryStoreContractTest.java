package io.quarkiverse.jobqueue.deployment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.memory.InMemoryJobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The in-memory store ({@code quarkus.job-queue.store=memory}), with no datasource: Hibernate ORM is on the test
 * class path, but the store maps no entity and needs none. It has no transactions: {@code insert} makes the jobs
 * visible and runs {@code afterCommit} at once, whether or not the caller has a transaction.
 */
class MemoryStoreContractTest extends JobStoreContract {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(JobStoreContract.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.job-queue.store", "memory")
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false");

    @Test
    void theStoreIsTheInMemoryOne() {
        assertThat(store).isInstanceOf(JobStore.class);
        assertThat(store.getClass().getName()).startsWith(InMemoryJobStore.class.getName());
    }

    @Test
    void insertRunsAfterCommitAtOnce() {
        NewJob job = job("at-once", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();

        store.insert(List.of(job), () -> afterCommit.set(true));

        assertThat(afterCommit).as("afterCommit ran before insert returned").isTrue();
        assertThat(single(claim(List.of(type("at-once")), 10, OWNER, t0)).id()).isEqualTo(job.id());
    }

    @Test
    void insertDoesNotJoinTheCallersTransaction() {
        NewJob job = job("no-join", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(job), () -> afterCommit.set(true));
            assertThat(afterCommit).as("afterCommit ran at once, inside the transaction").isTrue();
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");

        assertThat(store.find(job.id(), t0)).as("the rollback does not undo the insert").isPresent();
        assertThat(single(claim(List.of(type("no-join")), 10, OWNER, t0)).id()).isEqualTo(job.id());
    }
}
