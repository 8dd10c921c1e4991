package io.quarkiverse.jobqueue.deployment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.deployment.redis.RedisKeys;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The Redis store ({@code quarkus.job-queue.store=redis}) on the Redis at 127.0.0.1:6379, under a key prefix of its
 * own for this run, deleted after the class. Hibernate ORM and Narayana are on the test class path, so the deferred
 * enqueue within a JTA transaction is tested here.
 */
class RedisStoreContractTest extends JobStoreContract {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;
    static final String PREFIX = prefixOfThisRun();

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis("redis://" + HOST + ":" + PORT, JobStoreContract.class)
            .overrideConfigKey("quarkus.job-queue.redis.key-prefix", PREFIX)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false")
            .setAfterAllCustomizer(() -> RedisKeys.delete(PORT, PREFIX));

    @Inject
    RedisDataSource redis;

    @Test
    void theStoreIsTheRedisOne() {
        assertThat(store.getClass().getName()).startsWith(RedisJobStore.class.getName());
        assertThat(((RedisJobStore) store).keyPrefix()).isEqualTo("{" + PREFIX + "}");
    }

    @Test
    void insertInACommittedTransactionIsWrittenAfterTheCommit() {
        NewJob job = job("tx-commit", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();

        QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(job), () -> afterCommit.set(true));
            assertThat(afterCommit).as("afterCommit waits for the commit").isFalse();
            assertThat(store.find(job.id(), t0)).as("not written before the commit").isEmpty();
        });

        assertThat(afterCommit).isTrue();
        assertThat(single(claim(List.of(type("tx-commit")), 10, OWNER, t0)).id()).isEqualTo(job.id());
    }

    @Test
    void aKeyedInsertInATransactionAnswersItsOwnIdAndIsDroppedAtCommitWhenTheKeyIsHeld() {
        String key = queue + ":tx";
        NewJob holder = keyed(job("tx-unique", 0, t0, t0), key);
        insert(holder);
        NewJob inTransaction = keyed(job("tx-unique", 0, t0, t0), key);

        List<JobId> answer = QuarkusTransaction.requiringNew().call(() -> store.insert(List.of(inTransaction), () -> {
        }));

        assertThat(answer).as("the holder is unknown before the commit").containsExactly(inTransaction.id());
        assertThat(store.find(inTransaction.id(), t0)).isEmpty();
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id).containsExactly(holder.id());
    }

    @Test
    void insertInARolledBackTransactionIsDropped() {
        NewJob job = job("tx-rollback", 0, t0, t0);
        AtomicBoolean afterCommit = new AtomicBoolean();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.insert(List.of(job), () -> afterCommit.set(true));
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");

        assertThat(afterCommit).isFalse();
        assertThat(store.find(job.id(), t0)).isEmpty();
        assertThat(claim(List.of(type("tx-rollback")), 10, OWNER, t0)).isEmpty();
    }

    @Test
    void insertsWakeListenersOfOtherProcesses() throws Exception {
        BlockingQueue<String> notified = new LinkedBlockingQueue<>();
        try (AutoCloseable listening = store.listen(notified::add)) {
            insert(job("notify", 0, t0, t0));
            assertThat(notified.poll(5, TimeUnit.SECONDS)).isEqualTo(queue);
        }
    }

    @Test
    void scriptsAreLoadedAgainAfterScriptFlush() {
        NewJob before = job("flush", 0, t0, t0);
        insert(before);

        redis.execute("SCRIPT", "FLUSH");

        NewJob after = job("flush", 0, t0, t0);
        insert(after);
        assertThat(claim(List.of(type("flush")), 10, OWNER, t0)).hasSize(2);
        redis.execute("SCRIPT", "FLUSH");
        assertThat(store.stats(queue, t0)).containsEntry(JobState.RUNNING, 2L);
    }

    @Test
    void jobsWhoseKeyIsGoneAreDroppedFromTheIndexesAndTheOthersGoOn() {
        NewJob due = job("gone", 0, t0, t0);
        NewJob lost = job("gone", 0, t0, t0);
        NewJob later = job("gone", 0, t0.plusSeconds(30), t0);
        NewJob running = job("gone-running", 0, t0, t0);
        insert(due, lost, later, running);
        store.claim(queue, List.of(type("gone-running")), 10, OWNER, t0, t0.plusSeconds(60));
        // As an eviction or a hand-made DEL would: the job's key goes, the indexes still name it.
        for (NewJob job : List.of(lost, later, running)) {
            redis.key().del(((RedisJobStore) store).keyPrefix() + ":job:" + job.id());
        }

        assertThat(claim(List.of(type("gone")), 10, OWNER, t0.plusSeconds(60))).extracting(ClaimedJob::id)
                .containsExactly(due.id());
        assertThat(claim(List.of(type("gone")), 10, OWNER, t0.plusSeconds(60))).isEmpty();
        assertThat(store.takeExpired(1000, OTHER_OWNER, t0.plusSeconds(61), t0.plusSeconds(120)))
                .extracting(ClaimedJob::id).doesNotContain(running.id());
        assertThat(store.stats(queue, t0.plusSeconds(61))).containsEntry(JobState.RUNNING, 1L);
        assertThat(store.list(null, queue, 10, t0.plusSeconds(61))).extracting(JobInfo::id)
                .containsExactly(due.id());
    }

    @Test
    void aJobKeyOfAnotherLayoutFailsTheClaimWithTheFixAndIsNotDropped() {
        NewJob job = job("old-layout", 0, t0, t0);
        insert(job);
        // As a snapshot before this layout wrote its jobs: a hash.
        String key = ((RedisJobStore) store).keyPrefix() + ":job:" + job.id();
        redis.key().del(key);
        redis.hash(String.class).hset(key, "state", "PENDING");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> claim(List.of(type("old-layout")), 10, OWNER, t0))
                    .isInstanceOf(JobStoreException.class).hasMessageContaining(key + " is a hash")
                    .hasMessageContaining("Delete the keys under " + ((RedisJobStore) store).keyPrefix())
                    .hasMessageContaining("quarkus.job-queue.redis.key-prefix");
        }
        redis.key().del(key);
        assertThat(claim(List.of(type("old-layout")), 10, OWNER, t0)).isEmpty();
    }

    @Test
    void aJobOfAnEarlierStringLayoutFailsClaimsAndReadsWithTheFixAndIsNotDropped() {
        NewJob job = job("array-layout", 0, t0, t0);
        insert(job);
        // As the layout before this one wrote a job: its 23 fields as one MessagePack array (here all absent).
        String key = ((RedisJobStore) store).keyPrefix() + ":job:" + job.id();
        byte[] array = new byte[3 + 23];
        array[0] = (byte) 0xdc;
        array[2] = 23;
        Arrays.fill(array, 3, array.length, (byte) 0xc2);
        redis.value(byte[].class).set(key, array);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> claim(List.of(type("array-layout")), 10, OWNER, t0))
                    .isInstanceOf(JobStoreException.class)
                    .hasMessageContaining(key + " holds a job of another layout than this store's")
                    .hasMessageContaining("Delete the keys under " + ((RedisJobStore) store).keyPrefix())
                    .hasMessageContaining("quarkus.job-queue.redis.key-prefix");
        }
        assertThatThrownBy(() -> store.find(job.id(), t0)).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("another layout").hasMessageContaining("quarkus.job-queue.redis.key-prefix");
        redis.key().del(key);
        assertThat(claim(List.of(type("array-layout")), 10, OWNER, t0)).isEmpty();
    }

    private static String prefixOfThisRun() {
        // The class is initialised in two class loaders: both must use the same prefix.
        String key = RedisStoreContractTest.class.getName() + ".prefix";
        String prefix = System.getProperty(key);
        if (prefix == null) {
            prefix = "job-queue-test-" + UUID.randomUUID();
            System.setProperty(key, prefix);
        }
        return prefix;
    }
}
