package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkiverse.jobqueue.runtime.store.memory.InMemoryJobStore;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The workers survive a store outage (a database or Redis restart): while every store call fails for a few seconds,
 * claims, outcomes, lease renewals and maintenance retry with backoff, the outage is logged once when it starts and
 * once when it ends, and afterwards every job completes, each in its first attempt. An enqueue during the outage
 * fails in the caller, so no job is lost silently.
 */
class StoreOutageTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestApps.class, Handlers.class, UnreachableStore.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.job-queue.store", "memory")
            .overrideConfigKey("quarkus.job-queue.concurrency", "4")
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
            .overrideConfigKey("quarkus.job-queue.lease", "6s")
            .overrideConfigKey("quarkus.job-queue.maintenance-interval", "1s")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith(".StoreOutage"))
            .assertLogRecords(records -> {
                assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                        .as("the outage is logged once as it starts").hasSize(1);
                assertThat(records).filteredOn(r -> r.getLevel().intValue() == Level.INFO.intValue())
                        .as("and once as it ends").hasSize(1);
            });

    @Inject
    JobQueue jobs;

    @Inject
    UnreachableStore store;

    @Test
    void everyJobCompletesAfterTheStoreComesBack() throws Exception {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(jobs.enqueue("work", i));
        }
        assertThat(Handlers.STARTED.await(10, TimeUnit.SECONDS)).as("the first jobs run").isTrue();

        store.down = true;
        Handlers.OUTAGE.countDown();
        assertThatThrownBy(() -> jobs.enqueue("work", 99)).isInstanceOf(JobStoreException.class);
        Thread.sleep(3_000);
        int failedCalls = store.failedCalls.get();
        store.down = false;

        for (JobId id : ids) {
            JobInfo job = TestApps.awaitSucceeded(jobs, id);
            assertThat(job.attempt()).isEqualTo(1);
        }
        assertThat(Handlers.RUNS).hasSize(20).allSatisfy((payload, runs) -> assertThat(runs).hasValue(1));
        assertThat(failedCalls).as("store calls failed during the outage").isGreaterThan(5);
        assertThat(store.failedKinds).contains("claim", "record", "renewLeases", "takeExpired");
    }

    static class Handlers {

        static final CountDownLatch STARTED = new CountDownLatch(1);
        static final CountDownLatch OUTAGE = new CountDownLatch(1);
        static final Map<Integer, AtomicInteger> RUNS = new ConcurrentHashMap<>();

        /**
         * The jobs running when the outage starts go on through a heartbeat (every 2 s) and finish during it, so that
         * their lease renewals and outcomes meet it.
         */
        @JobHandler("work")
        void work(int n) throws InterruptedException {
            RUNS.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            STARTED.countDown();
            if (OUTAGE.getCount() > 0) {
                OUTAGE.await(10, TimeUnit.SECONDS);
                Thread.sleep(2_500);
            }
        }
    }

    /** The in-memory store, unreachable while {@link #down}: every call fails as a dropped connection would. */
    @Alternative
    @Priority(1)
    @Singleton
    static class UnreachableStore implements JobStore {

        volatile boolean down;
        final AtomicInteger failedCalls = new AtomicInteger();
        final Set<String> failedKinds = ConcurrentHashMap.newKeySet();

        @Inject
        InMemoryJobStore store;

        private <T> T call(String kind, Supplier<T> work) {
            if (down) {
                failedCalls.incrementAndGet();
                failedKinds.add(kind);
                throw new JobStoreException("Connection refused (test outage)", null);
            }
            return work.get();
        }

        @Override
        public List<JobId> insert(List<NewJob> jobs, Runnable afterCommit) {
            return call("insert", () -> store.insert(jobs, afterCommit));
        }

        @Override
        public List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits,
                int limit, String owner, Instant now, Instant leaseUntil) {
            return call("claim", () -> store.claim(queue, types, limits, limit, owner, now, leaseUntil));
        }

        @Override
        public List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil) {
            return call("takeExpired", () -> store.takeExpired(limit, owner, now, leaseUntil));
        }

        @Override
        public Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil) {
            return call("renewLeases", () -> store.renewLeases(ids, owner, leaseUntil));
        }

        @Override
        public boolean progress(JobId id, String owner, String progress, Instant leaseUntil) {
            return call("progress", () -> store.progress(id, owner, progress, leaseUntil));
        }

        @Override
        public void record(List<Outcome> outcomes, String owner) {
            call("record", () -> {
                store.record(outcomes, owner);
                return null;
            });
        }

        @Override
        public Optional<JobInfo> find(JobId id, Instant now) {
            return call("find", () -> store.find(id, now));
        }

        @Override
        public Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now) {
            return call("findByUniqueKey", () -> store.findByUniqueKey(uniqueKey, now));
        }

        @Override
        public List<JobInfo> list(JobState state, String queue, int limit, Instant now) {
            return call("list", () -> store.list(state, queue, limit, now));
        }

        @Override
        public Map<JobState, Long> stats(String queue, Instant now) {
            return call("stats", () -> store.stats(queue, now));
        }

        @Override
        public Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now) {
            return call("oldestRunnable", () -> store.oldestRunnable(queue, types, now));
        }

        @Override
        public Cancellation cancel(JobId id, Instant now) {
            return call("cancel", () -> store.cancel(id, now));
        }

        @Override
        public boolean replay(JobId id, Instant now) {
            return call("replay", () -> store.replay(id, now));
        }

        @Override
        public boolean delete(JobId id) {
            return call("delete", () -> store.delete(id));
        }

        @Override
        public int pruneSucceeded(Instant finishedBefore, int limit) {
            return call("pruneSucceeded", () -> store.pruneSucceeded(finishedBefore, limit));
        }

        @Override
        public AutoCloseable listen(Consumer<String> onJobsAvailable) {
            return store.listen(onJobsAvailable);
        }
    }
}
