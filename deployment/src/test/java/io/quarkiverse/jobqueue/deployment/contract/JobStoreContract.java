package io.quarkiverse.jobqueue.deployment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.StoredProgress;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The behaviour every {@link JobStore} keeps, tested on the SPI directly. A subclass starts an application with the
 * store under test and {@code quarkus.job-queue.worker.enabled=false}, so that nothing but these tests touches the
 * jobs. Each test works in a queue and job types of its own, and passes every instant explicitly; leases it does not
 * mean to expire last a day, so that {@link JobStore#takeExpired} in one test never takes another test's jobs.
 * <p>
 * Transaction semantics differ per store, so each store's tests of them live with it ({@code JdbcStoreContract},
 * {@code MemoryStoreContractTest}); only what every store shares (no transaction: {@code afterCommit} at once) is
 * here.
 */
public abstract class JobStoreContract {

    static final String OWNER = "owner-a";
    static final String OTHER_OWNER = "owner-b";

    @Inject
    JobStore store;

    /** The start of the test, to millisecond precision so that every store keeps it exactly. */
    Instant t0;
    String queue;

    @BeforeEach
    void newQueue() {
        t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        queue = "contract-" + UUID.randomUUID();
    }

    // ---- insert

    @Test
    void insertsOneJob() {
        NewJob job = job("one", 3, t0, t0);

        store.insert(List.of(job), () -> {
        });

        JobInfo found = store.find(job.id(), t0).orElseThrow();
        assertThat(found.id()).isEqualTo(job.id());
        assertThat(found.type()).isEqualTo(job.type());
        assertThat(found.queue()).isEqualTo(queue);
        assertThat(found.state()).isEqualTo(JobState.PENDING);
        assertThat(found.priority()).isEqualTo(3);
        assertThat(found.attempt()).isZero();
        assertThat(found.maxAttempts()).isEqualTo(job.maxAttempts());
        assertThat(found.runAt()).isEqualTo(t0);
        assertThat(found.createdAt()).isEqualTo(t0);
        assertThat(found.startedAt()).isNull();
        assertThat(found.finishedAt()).isNull();
        assertThat(found.lastError()).isNull();
        assertThat(found.attempts()).isEmpty();
        assertThat(found.payload()).isEqualTo(job.payload());
        assertThat(found.timeout()).isNull();
        assertThat(found.cancelRequestedAt()).isNull();
        assertThat(found.progress()).isNull();
        assertThat(found.result()).isNull();
    }

    @Test
    void insertsABatchLargerThanOneStatementAllVisible() {
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            batch.add(i % 2 == 0 ? job("batch", 0, t0, t0) : job("batch", 0, t0.plusSeconds(60), t0));
        }

        store.insert(batch, () -> {
        });

        List<JobInfo> listed = store.list(null, queue, 5000, t0);
        assertThat(listed).extracting(JobInfo::id)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(NewJob::id).toList());
        assertThat(store.stats(queue, t0)).containsEntry(JobState.PENDING, 600L).containsEntry(JobState.SCHEDULED, 600L);
    }

    @Test
    void aBatchOfRunsOfAlikeJobsKeepsEachJobsOwnFields() {
        // Runs of jobs that differ only in id and payload, broken by jobs that differ in more (a store may write each
        // run's shared fields once).
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new NewJob(JobId.newId(), type("alike"), queue, 1, 3, t0, t0, "{\"i\":" + i + "}"));
        }
        for (int i = 0; i < 2; i++) {
            batch.add(new NewJob(JobId.newId(), type("alike"), queue, 1, 3, t0, t0, null));
        }
        batch.add(new NewJob(JobId.newId(), type("alike"), queue, 7, 5, t0, t0, "{\"other\":true}", 2, null,
                Duration.ofSeconds(4), "{\"h\":2}"));
        batch.add(new NewJob(JobId.newId(), type("alike"), queue, 1, 3, t0, t0, "{\"i\":9}"));

        store.insert(batch, () -> {
        });

        for (NewJob job : batch) {
            JobInfo found = store.find(job.id(), t0).orElseThrow();
            assertThat(found.payload()).as("payload of %s", job.id()).isEqualTo(job.payload());
            assertThat(found.priority()).isEqualTo(job.priority());
            assertThat(found.maxAttempts()).isEqualTo(job.maxAttempts());
            assertThat(found.timeout()).isEqualTo(job.timeout());
            assertThat(found.state()).isEqualTo(JobState.PENDING);
        }
        assertThat(claim(List.of(type("alike")), 10, OWNER, t0.plusSeconds(60))).extracting(ClaimedJob::id)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(NewJob::id).toList());
    }

    @Test
    void initialStateIsScheduledOnlyForALaterRunTime() {
        NewJob now = job("initial", 0, t0, t0);
        NewJob later = job("initial", 0, t0.plusMillis(1), t0);
        NewJob past = job("initial", 0, t0.minusSeconds(5), t0);

        store.insert(List.of(now, later, past), () -> {
        });

        assertThat(state(now, t0)).isEqualTo(JobState.PENDING);
        assertThat(state(later, t0)).isEqualTo(JobState.SCHEDULED);
        assertThat(state(past, t0)).isEqualTo(JobState.PENDING);
    }

    @Test
    void aBatchIsWrittenWhollyOrNotAtAll() {
        NewJob existing = job("atomic", 0, t0, t0);
        insert(existing);
        NewJob first = job("atomic", 0, t0, t0);
        NewJob second = job("atomic", 0, t0, t0);
        NewJob duplicate = new NewJob(existing.id(), existing.type(), queue, 0, 3, t0, t0, null);

        assertThatThrownBy(() -> store.insert(List.of(first, second, duplicate), () -> {
        })).isInstanceOf(RuntimeException.class);

        assertThat(store.find(first.id(), t0)).isEmpty();
        assertThat(store.find(second.id(), t0)).isEmpty();
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id).containsExactly(existing.id());
    }

    // ---- unique keys

    @Test
    void aJobWhoseKeyAnActiveJobHoldsIsNotWrittenAndGetsTheHoldersId() {
        String key = queue + ":unique";
        NewJob first = keyed(job("unique", 0, t0, t0), key);
        NewJob second = keyed(job("unique", 0, t0, t0), key);

        assertThat(store.insert(List.of(first), () -> {
        })).containsExactly(first.id());
        assertThat(store.insert(List.of(second), () -> {
        })).containsExactly(first.id());

        assertThat(store.find(second.id(), t0)).isEmpty();
        assertThat(store.find(first.id(), t0).orElseThrow().uniqueKey()).isEqualTo(key);
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id).containsExactly(first.id());
    }

    @Test
    void aKeyIsHeldWhileRunningAndRetryingAndFreeOnceTheJobEnds() {
        for (JobState end : List.of(JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED)) {
            String key = queue + ":" + end;
            NewJob holder = keyed(job("held-" + end, 0, t0, t0), key);
            insert(holder);
            if (end == JobState.CANCELLED) {
                assertThat(store.cancel(holder.id(), t0)).isEqualTo(Cancellation.CANCELLED);
            } else {
                single(claim(List.of(holder.type()), 1, OWNER, t0));
                assertThat(insertKeyed(key)).as("while RUNNING").isEqualTo(holder.id());
                store.record(List.of(new Outcome.Failed(holder.id(), JobState.RETRYING, t0, t0, "again", null)),
                        OWNER);
                assertThat(insertKeyed(key)).as("while RETRYING").isEqualTo(holder.id());
                single(claim(List.of(holder.type()), 1, OWNER, t0));
                store.record(List.of(end == JobState.SUCCEEDED ? new Outcome.Succeeded(holder.id(), t0, true, null)
                        : new Outcome.Failed(holder.id(), JobState.DEAD, t0, t0, "gone", null)), OWNER);
            }
            assertThat(state(holder, t0)).isEqualTo(end);

            NewJob next = keyed(job("next-" + end, 0, t0, t0), key);
            assertThat(store.insert(List.of(next), () -> {
            })).as("after %s", end).containsExactly(next.id());
            assertThat(store.find(holder.id(), t0).orElseThrow().uniqueKey()).as("kept after %s", end).isEqualTo(key);
        }
    }

    @Test
    void aScheduledJobHoldsItsKeyAndDeletingAJobFreesIt() {
        String key = queue + ":scheduled";
        NewJob scheduled = keyed(job("scheduled-key", 0, t0.plusSeconds(3600), t0), key);
        insert(scheduled);

        assertThat(insertKeyed(key)).isEqualTo(scheduled.id());
        assertThat(store.delete(scheduled.id())).isTrue();
        assertThat(insertKeyed(key)).isNotEqualTo(scheduled.id());
    }

    @Test
    void aBatchWritesTheFirstJobOfEachFreeKeyAndAnswersEveryJobWithItsHolder() {
        NewJob existing = keyed(job("batch-keys", 0, t0, t0), queue + ":held");
        insert(existing);
        NewJob first = keyed(job("batch-keys", 0, t0, t0), queue + ":new");
        NewJob repeated = keyed(job("batch-keys", 0, t0, t0), queue + ":new");
        NewJob unkeyed = job("batch-keys", 0, t0, t0);
        NewJob held = keyed(job("batch-keys", 0, t0, t0), queue + ":held");

        List<JobId> ids = store.insert(List.of(first, repeated, unkeyed, held), () -> {
        });

        assertThat(ids).containsExactly(first.id(), first.id(), unkeyed.id(), existing.id());
        assertThat(store.list(null, queue, 10, t0)).extracting(JobInfo::id)
                .containsExactlyInAnyOrder(existing.id(), first.id(), unkeyed.id());
    }

    @Test
    void concurrentInsertersOfOneKeyWriteExactlyOneJob() throws Exception {
        String key = queue + ":race";
        int inserters = 8;
        ExecutorService executor = Executors.newFixedThreadPool(inserters);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JobId>> answers = new ArrayList<>();
            for (int i = 0; i < inserters; i++) {
                answers.add(executor.submit(() -> {
                    start.await();
                    return insertKeyed(key);
                }));
            }
            start.countDown();
            Set<JobId> holders = new HashSet<>();
            for (Future<JobId> answer : answers) {
                holders.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(holders).hasSize(1);
            assertThat(store.list(null, queue, 100, t0)).extracting(JobInfo::id).containsExactlyElementsOf(holders);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void findByUniqueKeyFindsTheNewestJobOfTheKeyInAnyState() {
        String key = queue + ":find";
        assertThat(store.findByUniqueKey(key, t0)).isEmpty();
        NewJob old = keyed(job("find-key", 0, t0, t0), key);
        insert(old);
        assertThat(store.cancel(old.id(), t0)).isEqualTo(Cancellation.CANCELLED);
        assertThat(store.findByUniqueKey(key, t0).orElseThrow().id()).isEqualTo(old.id());

        NewJob current = keyed(job("find-key", 0, t0, t0.plusMillis(1)), key);
        insert(current);

        JobInfo found = store.findByUniqueKey(key, t0).orElseThrow();
        assertThat(found.id()).isEqualTo(current.id());
        assertThat(found.uniqueKey()).isEqualTo(key);
    }

    @Test
    void replayDoesNotReviveAJobWhoseKeyAnotherActiveJobHolds() {
        String key = queue + ":replay";
        NewJob cancelled = keyed(job("replay-key", 0, t0, t0), key);
        insert(cancelled);
        assertThat(store.cancel(cancelled.id(), t0)).isEqualTo(Cancellation.CANCELLED);
        NewJob holder = keyed(job("replay-key", 0, t0, t0.plusMillis(1)), key);
        insert(holder);

        assertThat(store.replay(cancelled.id(), t0)).isFalse();
        assertThat(state(cancelled, t0)).isEqualTo(JobState.CANCELLED);

        assertThat(store.cancel(holder.id(), t0)).isEqualTo(Cancellation.CANCELLED);
        assertThat(store.replay(cancelled.id(), t0)).isTrue();
        assertThat(insertKeyed(key)).isEqualTo(cancelled.id());
    }

    // ---- claim

    @Test
    void claimsByPriorityThenRunTime() {
        NewJob low = job("order", 0, t0.minusSeconds(3), t0.minusSeconds(3));
        NewJob midLate = job("order", 5, t0.minusSeconds(1), t0.minusSeconds(3));
        NewJob midEarly = job("order", 5, t0.minusSeconds(2), t0.minusSeconds(3));
        NewJob high = job("order", 10, t0, t0.minusSeconds(3));
        NewJob negative = job("order", -1, t0.minusSeconds(10), t0.minusSeconds(10));
        insert(low, midLate, negative, midEarly, high);

        List<JobId> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            claim(List.of(type("order")), 1, OWNER, t0).forEach(job -> order.add(job.id()));
        }

        assertThat(order).containsExactly(high.id(), midEarly.id(), midLate.id(), low.id(), negative.id());
    }

    @Test
    void claimsByPriorityAcrossTypesAndBeyondOneClaimsLimit() {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(job("mixed-a", 0, t0.minusSeconds(10 - i), t0.minusSeconds(10)));
        }
        NewJob urgentLater = job("mixed-b", 7, t0.minusSeconds(1), t0.minusSeconds(10));
        NewJob urgentFirst = job("mixed-b", 7, t0.minusSeconds(2), t0.minusSeconds(10));
        NewJob mostUrgent = job("mixed-a", 9, t0, t0.minusSeconds(10));
        jobs.addAll(List.of(urgentLater, urgentFirst, mostUrgent));
        store.insert(jobs, () -> {
        });

        List<ClaimedJob> first = claim(List.of(type("mixed-a"), type("mixed-b")), 3, OWNER, t0);
        List<ClaimedJob> rest = claim(List.of(type("mixed-a"), type("mixed-b")), 10, OWNER, t0);

        assertThat(first).extracting(ClaimedJob::id).containsExactlyInAnyOrder(mostUrgent.id(), urgentFirst.id(),
                urgentLater.id());
        assertThat(rest).extracting(ClaimedJob::id).containsExactlyInAnyOrderElementsOf(
                jobs.subList(0, 5).stream().map(NewJob::id).toList());
    }

    @Test
    void delayedJobsAreNotClaimableBeforeTheirRunTime() {
        Instant runAt = t0.plusSeconds(60);
        NewJob delayed = job("delayed", 0, runAt, t0);
        insert(delayed);

        assertThat(claim(List.of(type("delayed")), 10, OWNER, t0)).isEmpty();
        assertThat(claim(List.of(type("delayed")), 10, OWNER, runAt.minusMillis(1))).isEmpty();
        assertThat(state(delayed, runAt.minusMillis(1))).isEqualTo(JobState.SCHEDULED);

        List<ClaimedJob> claimed = claim(List.of(type("delayed")), 10, OWNER, runAt);

        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(delayed.id());
        assertThat(state(delayed, runAt)).isEqualTo(JobState.RUNNING);
    }

    @Test
    void batchClaimsRespectTheLimit() {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(job("limit", 0, t0, t0));
        }
        store.insert(jobs, () -> {
        });

        Set<JobId> claimed = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<ClaimedJob> batch = claim(List.of(type("limit")), 3, OWNER, t0);
            sizes.add(batch.size());
            batch.forEach(job -> assertThat(claimed.add(job.id())).as("claimed twice: %s", job.id()).isTrue());
        }

        assertThat(sizes).containsExactly(3, 3, 3, 1, 0);
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(jobs.stream().map(NewJob::id).toList());
        assertThat(claim(List.of(type("limit")), 0, OWNER, t0)).isEmpty();
    }

    @Test
    void claimsOnlyTheGivenTypesOfTheGivenQueue() {
        NewJob a = job("a", 0, t0, t0);
        NewJob b = job("b", 0, t0, t0);
        NewJob c = job("c", 0, t0, t0);
        NewJob aElsewhere = new NewJob(JobId.newId(), type("a"), queue + "-other", 0, 3, t0, t0, null);
        insert(a, b, c, aElsewhere);

        List<ClaimedJob> claimed = claim(List.of(type("a"), type("c")), 10, OWNER, t0);

        assertThat(claimed).extracting(ClaimedJob::id).containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(state(b, t0)).isEqualTo(JobState.PENDING);
        assertThat(state(aElsewhere, t0)).isEqualTo(JobState.PENDING);
        assertThat(claim(List.of(), 10, OWNER, t0)).isEmpty();
        assertThat(claim(List.of(type("unknown")), 10, OWNER, t0)).isEmpty();
    }

    @Test
    void claimingStartsAnAttemptUnderTheOwnersLease() {
        NewJob job = new NewJob(JobId.newId(), type("claim"), queue, 7, 4, t0.minusSeconds(1), t0.minusSeconds(2),
                "{\"x\":42}");
        insert(job);
        Instant now = t0.plusSeconds(1);

        ClaimedJob claimed = single(claim(List.of(type("claim")), 10, OWNER, now));

        assertThat(claimed.id()).isEqualTo(job.id());
        assertThat(claimed.type()).isEqualTo(job.type());
        assertThat(claimed.queue()).isEqualTo(queue);
        assertThat(claimed.priority()).isEqualTo(7);
        assertThat(claimed.attempt()).isEqualTo(1);
        assertThat(claimed.maxAttempts()).isEqualTo(4);
        assertThat(claimed.runAt()).isEqualTo(job.runAt());
        assertThat(claimed.createdAt()).isEqualTo(job.createdAt());
        assertThat(claimed.startedAt()).isEqualTo(now);
        assertThat(claimed.payload()).isEqualTo("{\"x\":42}");
        assertThat(claimed.attempts()).isNull();

        JobInfo found = store.find(job.id(), now).orElseThrow();
        assertThat(found.state()).isEqualTo(JobState.RUNNING);
        assertThat(found.attempt()).isEqualTo(1);
        assertThat(found.startedAt()).isEqualTo(now);
        assertThat(claim(List.of(type("claim")), 10, OTHER_OWNER, now.plusSeconds(60))).isEmpty();

        // The lease is the owner's: the other owner's outcome is ignored, the owner's is written.
        store.record(List.of(new Outcome.Succeeded(job.id(), now.plusSeconds(1), true, null)), OTHER_OWNER);
        assertThat(state(job, now)).isEqualTo(JobState.RUNNING);
        store.record(List.of(new Outcome.Succeeded(job.id(), now.plusSeconds(1), true, null)), OWNER);
        assertThat(state(job, now)).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aJobTakenAsItIsWrittenIsRunningInItsFirstAttemptUnderTheTakersLease() {
        // The store keeps an instant of its precision exactly: the taker sees the times the store keeps.
        Instant created = t0.plusNanos(123_456_789).truncatedTo(store.instantPrecision());
        NewJob taken = new NewJob(JobId.newId(), type("taken"), queue, 2, 4, created, created, "{\"x\":1}", 3, null,
                Duration.ofSeconds(9), "{\"h\":1}").takenBy(OWNER, t0.plusSeconds(30));
        NewJob waiting = job("taken", 0, t0, t0);

        store.insert(List.of(taken, waiting), () -> {
        });

        JobInfo found = store.find(taken.id(), t0).orElseThrow();
        assertThat(found.state()).isEqualTo(JobState.RUNNING);
        assertThat(found.attempt()).isEqualTo(1);
        assertThat(found.startedAt()).isEqualTo(found.createdAt());
        assertThat(found.finishedAt()).isNull();
        assertThat(taken.asClaimed()).isEqualTo(new ClaimedJob(taken.id(), taken.type(), queue, 2, 1, 4,
                found.runAt(), found.createdAt(), found.startedAt(), "{\"x\":1}", null, 3, Duration.ofSeconds(9),
                false, "{\"h\":1}"));
        assertThat(found.createdAt()).isEqualTo(created);
        assertThat(store.stats(queue, t0)).containsEntry(JobState.RUNNING, 1L).containsEntry(JobState.PENDING, 1L);
        assertThat(store.list(JobState.RUNNING, queue, 10, t0)).extracting(JobInfo::id).containsExactly(taken.id());
        // No claim returns it, not even the taker's: it runs where it was written.
        assertThat(claim(List.of(type("taken")), 10, OWNER, t0)).extracting(ClaimedJob::id)
                .containsExactly(waiting.id());

        // The taker holds the lease like a claimer: it renews it and writes the outcome; when it lapses, another
        // instance takes the job over.
        assertThat(store.renewLeases(List.of(taken.id()), OTHER_OWNER, t0.plusSeconds(90))).isEmpty();
        assertThat(store.renewLeases(List.of(taken.id()), OWNER, t0.plusSeconds(60))).isEmpty();
        assertThat(mine(store.takeExpired(1000, OTHER_OWNER, t0.plusSeconds(45), t0.plusSeconds(100)))).isEmpty();
        List<ClaimedJob> takenOver = mine(store.takeExpired(1000, OTHER_OWNER, t0.plusSeconds(61), t0.plusSeconds(120)));
        assertThat(takenOver).extracting(ClaimedJob::id).containsExactly(taken.id());
        assertThat(takenOver.get(0).attempt()).isEqualTo(1);
        store.record(List.of(new Outcome.Succeeded(taken.id(), t0.plusSeconds(62), true, null)), OWNER);
        assertThat(state(taken, t0.plusSeconds(62))).isEqualTo(JobState.RUNNING);
        store.record(List.of(new Outcome.Succeeded(taken.id(), t0.plusSeconds(62), true, null)), OTHER_OWNER);
        assertThat(state(taken, t0.plusSeconds(62))).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void concurrentClaimersNeverGetTheSameJobAndTogetherGetAll() throws Exception {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            jobs.add(job("concurrent", i % 3, t0.minusMillis(i), t0.minusSeconds(1)));
        }
        store.insert(jobs, () -> {
        });

        int claimers = 4;
        ExecutorService executor = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<JobId> claimed = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                String owner = "claimer-" + c;
                running.add(executor.submit(() -> {
                    start.await();
                    List<ClaimedJob> batch;
                    do {
                        batch = claim(List.of(type("concurrent")), 7, owner, t0);
                        batch.forEach(job -> claimed.add(job.id()));
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(jobs.stream().map(NewJob::id).toList());
    }

    // ---- leases

    @Test
    void takeExpiredTakesOnlyExpiredLeases() {
        NewJob expired = job("lease", 0, t0, t0);
        NewJob held = job("lease", 0, t0, t0);
        insert(expired);
        store.claim(queue, List.of(type("lease")), 10, OWNER, t0, t0.plusSeconds(60));
        insert(held);
        store.claim(queue, List.of(type("lease")), 10, OWNER, t0, t0.plus(Duration.ofDays(1)));
        Instant now = t0.plusSeconds(120);

        List<ClaimedJob> taken = mine(store.takeExpired(1000, OTHER_OWNER, now, now.plusSeconds(60)));

        assertThat(taken).extracting(ClaimedJob::id).containsExactly(expired.id());
        assertThat(taken.get(0).attempt()).as("the attempt is not counted again").isEqualTo(1);
        assertThat(store.find(expired.id(), now).orElseThrow().attempt()).isEqualTo(1);
        assertThat(state(expired, now)).isEqualTo(JobState.RUNNING);
        assertThat(mine(store.takeExpired(1000, OTHER_OWNER, now, now.plusSeconds(60)))).isEmpty();

        // The lease is the new owner's now: the old owner's outcome is ignored.
        store.record(List.of(new Outcome.Succeeded(expired.id(), now, true, null)), OWNER);
        assertThat(state(expired, now)).isEqualTo(JobState.RUNNING);
        store.record(List.of(new Outcome.Released(expired.id())), OTHER_OWNER);
        assertThat(state(expired, now)).isEqualTo(JobState.PENDING);
        assertThat(state(held, now)).isEqualTo(JobState.RUNNING);
    }

    @Test
    void renewLeasesExtendsOnlyTheOwnersLeases() {
        NewJob renewed = job("renew-a", 0, t0, t0);
        NewJob notRenewed = job("renew-a", 0, t0, t0);
        NewJob othersJob = job("renew-b", 0, t0, t0);
        insert(renewed, notRenewed, othersJob);
        store.claim(queue, List.of(type("renew-a")), 10, OWNER, t0, t0.plusSeconds(60));
        store.claim(queue, List.of(type("renew-b")), 10, OTHER_OWNER, t0, t0.plusSeconds(60));

        store.renewLeases(List.of(renewed.id(), othersJob.id()), OWNER, t0.plusSeconds(600));

        Instant now = t0.plusSeconds(120);
        Instant later = t0.plusSeconds(700);
        assertThat(mine(store.takeExpired(1000, "reaper", now, later.plus(Duration.ofDays(1)))))
                .extracting(ClaimedJob::id).containsExactlyInAnyOrder(notRenewed.id(), othersJob.id());
        assertThat(mine(store.takeExpired(1000, "reaper", later, later.plus(Duration.ofDays(1)))))
                .extracting(ClaimedJob::id).containsExactly(renewed.id());
    }

    // ---- record

    @Test
    void succeededAndRetainedBecomesSucceeded() {
        NewJob job = job("succeed", 0, t0, t0);
        insert(job);
        claim(List.of(type("succeed")), 1, OWNER, t0);
        Instant finished = t0.plusSeconds(2);

        store.record(List.of(new Outcome.Succeeded(job.id(), finished, true, null)), OWNER);

        JobInfo found = store.find(job.id(), finished).orElseThrow();
        assertThat(found.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(found.finishedAt()).isEqualTo(finished);
        assertThat(found.attempt()).isEqualTo(1);
        assertThat(claim(List.of(type("succeed")), 1, OWNER, finished)).isEmpty();
    }

    @Test
    void succeededAndNotRetainedIsDeleted() {
        NewJob job = job("discard", 0, t0, t0);
        insert(job);
        claim(List.of(type("discard")), 1, OWNER, t0);

        store.record(List.of(new Outcome.Succeeded(job.id(), t0.plusSeconds(1), false, null)), OWNER);

        assertThat(store.find(job.id(), t0)).isEmpty();
    }

    @Test
    void failedAttemptsRetryAtTheirRunTimeThenGoDead() {
        NewJob job = job("fail", 0, t0, t0);
        insert(job);
        ClaimedJob first = single(claim(List.of(type("fail")), 1, OWNER, t0));
        Instant failedAt = t0.plusSeconds(1);
        Instant retryAt = t0.plusSeconds(30);
        JobAttempt attempt1 = new JobAttempt(1, first.startedAt(), failedAt, "boom 1", "trace 1");
        String history1 = AttemptHistory.append(first.attempts(), attempt1);

        store.record(List.of(new Outcome.Failed(job.id(), JobState.RETRYING, retryAt, failedAt, "boom 1", history1)),
                OWNER);

        JobInfo retrying = store.find(job.id(), failedAt).orElseThrow();
        assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
        assertThat(retrying.runAt()).isEqualTo(retryAt);
        assertThat(retrying.lastError()).isEqualTo("boom 1");
        assertThat(retrying.attempt()).isEqualTo(1);
        assertThat(retrying.attempts()).containsExactly(attempt1);
        assertThat(store.find(job.id(), retryAt.plusSeconds(1)).orElseThrow().state())
                .as("RETRYING stays RETRYING when its run time passes").isEqualTo(JobState.RETRYING);
        assertThat(claim(List.of(type("fail")), 1, OWNER, retryAt.minusMillis(1))).isEmpty();

        ClaimedJob second = single(claim(List.of(type("fail")), 1, OWNER, retryAt));
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(AttemptHistory.parse(second.attempts())).containsExactly(attempt1);
        Instant diedAt = retryAt.plusSeconds(1);
        JobAttempt attempt2 = new JobAttempt(2, second.startedAt(), diedAt, "boom 2", "trace 2");

        store.record(List.of(new Outcome.Failed(job.id(), JobState.DEAD, retryAt, diedAt, "boom 2",
                AttemptHistory.append(second.attempts(), attempt2))), OWNER);

        JobInfo dead = store.find(job.id(), diedAt).orElseThrow();
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.finishedAt()).isEqualTo(diedAt);
        assertThat(dead.lastError()).isEqualTo("boom 2");
        assertThat(dead.attempt()).isEqualTo(2);
        assertThat(dead.attempts()).containsExactly(attempt1, attempt2);
        assertThat(claim(List.of(type("fail")), 1, OWNER, diedAt.plusSeconds(3600))).isEmpty();
    }

    @Test
    void releasedJobsArePendingAgainWithoutTheAttempt() {
        NewJob job = job("release", 0, t0, t0);
        insert(job);
        claim(List.of(type("release")), 1, OWNER, t0);

        store.record(List.of(new Outcome.Released(job.id())), OWNER);

        JobInfo released = store.find(job.id(), t0).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.PENDING);
        assertThat(released.attempt()).isZero();
        assertThat(single(claim(List.of(type("release")), 1, OTHER_OWNER, t0)).attempt()).isEqualTo(1);
    }

    @Test
    void aReleaseWithARunTimeSchedulesTheJobThenWithoutTheAttempt() {
        NewJob job = job("defer", 0, t0, t0);
        insert(job);
        claim(List.of(type("defer")), 1, OWNER, t0);
        Instant runAt = t0.plusSeconds(30);

        store.record(List.of(new Outcome.Released(job.id(), runAt)), OTHER_OWNER);
        assertThat(state(job, t0)).as("not the lease holder's release").isEqualTo(JobState.RUNNING);
        store.record(List.of(new Outcome.Released(job.id(), runAt)), OWNER);

        JobInfo deferred = store.find(job.id(), t0).orElseThrow();
        assertThat(deferred.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(deferred.attempt()).isZero();
        assertThat(deferred.runAt()).isEqualTo(runAt);
        assertThat(claim(List.of(type("defer")), 1, OTHER_OWNER, runAt.minusMillis(1))).isEmpty();
        assertThat(single(claim(List.of(type("defer")), 1, OTHER_OWNER, runAt)).attempt()).isEqualTo(1);
    }

    @Test
    void keepsThePayloadVersionOfEachJob() {
        NewJob first = job("versions", 0, t0, t0);
        NewJob third = new NewJob(JobId.newId(), type("versions"), queue, 0, 3, t0, t0.plusMillis(1), "{}", 3,
                null, null, null);
        insert(first, third);

        assertThat(store.find(first.id(), t0).orElseThrow().payloadVersion()).isEqualTo(1);
        assertThat(store.find(third.id(), t0).orElseThrow().payloadVersion()).isEqualTo(3);
        assertThat(claim(List.of(type("versions")), 10, OWNER, t0))
                .extracting(ClaimedJob::id, ClaimedJob::payloadVersion)
                .containsExactlyInAnyOrder(tuple(first.id(), 1), tuple(third.id(), 3));
    }

    @Test
    void claimsReturnTheHeadersEachJobWasEnqueuedWith() {
        String headers = "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}";
        NewJob with = new NewJob(JobId.newId(), type("headers"), queue, 0, 3, t0, t0, "{}", 1, null, null, headers);
        NewJob without = job("headers", 0, t0, t0);
        insert(with, without);

        assertThat(claim(List.of(type("headers")), 10, OWNER, t0))
                .extracting(ClaimedJob::id, ClaimedJob::headers)
                .containsExactlyInAnyOrder(tuple(with.id(), headers), tuple(without.id(), null));
    }

    @Test
    void outcomesOfANonOwnerAreIgnored() {
        NewJob succeeded = job("foreign", 0, t0, t0);
        NewJob deleted = job("foreign", 0, t0, t0);
        NewJob failed = job("foreign", 0, t0, t0);
        NewJob released = job("foreign", 0, t0, t0);
        insert(succeeded, deleted, failed, released);
        claim(List.of(type("foreign")), 10, OWNER, t0);

        store.record(List.of(new Outcome.Succeeded(succeeded.id(), t0, true, null),
                new Outcome.Succeeded(deleted.id(), t0, false, null),
                new Outcome.Failed(failed.id(), JobState.DEAD, t0, t0, "nope", "[]"),
                new Outcome.Released(released.id())), OTHER_OWNER);

        for (NewJob job : List.of(succeeded, deleted, failed, released)) {
            JobInfo found = store.find(job.id(), t0).orElseThrow();
            assertThat(found.state()).isEqualTo(JobState.RUNNING);
            assertThat(found.attempt()).isEqualTo(1);
            assertThat(found.lastError()).isNull();
        }
    }

    @Test
    void recordsABatchOfMixedOutcomes() {
        NewJob kept = job("mixed", 0, t0, t0);
        NewJob dropped = job("mixed", 0, t0, t0);
        NewJob retried = job("mixed", 0, t0, t0);
        NewJob released = job("mixed", 0, t0, t0);
        insert(kept, dropped, retried, released);
        claim(List.of(type("mixed")), 10, OWNER, t0);

        store.record(List.of(new Outcome.Succeeded(kept.id(), t0.plusSeconds(1), true, null),
                new Outcome.Succeeded(dropped.id(), t0.plusSeconds(1), false, null),
                // A retry as the engine writes it: the job is not finished, so it has no finish time.
                new Outcome.Failed(retried.id(), JobState.RETRYING, t0.plusSeconds(9), null, "e", null),
                new Outcome.Released(released.id())), OWNER);

        assertThat(state(kept, t0)).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.find(dropped.id(), t0)).isEmpty();
        assertThat(state(retried, t0)).isEqualTo(JobState.RETRYING);
        assertThat(store.find(retried.id(), t0).orElseThrow().finishedAt()).isNull();
        assertThat(state(released, t0)).isEqualTo(JobState.PENDING);
        assertThat(claim(List.of(type("mixed")), 10, OWNER, t0.plusSeconds(9))).extracting(ClaimedJob::id)
                .containsExactlyInAnyOrder(released.id(), retried.id());
    }

    // ---- find, list, stats

    @Test
    void findListAndStatsReportEveryState() {
        Instant now = t0.plusSeconds(600);
        Map<String, JobId> jobs = everyState(now);

        Map<String, JobState> expected = Map.of("scheduled", JobState.SCHEDULED, "due", JobState.PENDING,
                "pending", JobState.PENDING, "running", JobState.RUNNING, "retrying", JobState.RETRYING,
                "succeeded", JobState.SUCCEEDED, "dead", JobState.DEAD, "cancelled", JobState.CANCELLED);
        expected.forEach((name, state) -> assertThat(store.find(jobs.get(name), now).orElseThrow().state())
                .as(name).isEqualTo(state));

        for (JobState state : JobState.values()) {
            List<JobId> ids = expected.entrySet().stream().filter(e -> e.getValue() == state)
                    .map(e -> jobs.get(e.getKey())).toList();
            assertThat(store.list(state, queue, 100, now)).as("list %s", state).extracting(JobInfo::id)
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(store.list(state, queue, 100, now)).allSatisfy(job -> assertThat(job.state()).isEqualTo(state));
        }
        assertThat(store.list(null, queue, 100, now)).extracting(JobInfo::id)
                .containsExactlyInAnyOrderElementsOf(jobs.values());

        Map<JobState, Long> stats = new EnumMap<>(store.stats(queue, now));
        stats.values().removeIf(count -> count == 0);
        assertThat(stats).isEqualTo(Map.of(JobState.SCHEDULED, 1L, JobState.PENDING, 2L, JobState.RUNNING, 1L,
                JobState.RETRYING, 1L, JobState.SUCCEEDED, 1L, JobState.DEAD, 1L, JobState.CANCELLED, 1L));

        // Earlier, the due job still reads as SCHEDULED.
        Instant before = t0.plusSeconds(30);
        assertThat(store.find(jobs.get("due"), before).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(store.list(JobState.SCHEDULED, queue, 100, before)).extracting(JobInfo::id)
                .containsExactlyInAnyOrder(jobs.get("scheduled"), jobs.get("due"));
        assertThat(store.stats(queue, before)).containsEntry(JobState.SCHEDULED, 2L).containsEntry(JobState.PENDING, 1L);

        Map<JobState, Long> all = store.stats(null, now);
        stats.forEach((state, count) -> assertThat(all.get(state)).as("all %s", state).isGreaterThanOrEqualTo(count));
        assertThat(store.find(JobId.newId(), now)).isEmpty();
    }

    @Test
    void listIsNewestFirstAndFiltersByStateAndQueue() {
        NewJob oldest = job("list", 0, t0, t0);
        NewJob middle = job("list", 0, t0.plusSeconds(1), t0.plusSeconds(1));
        NewJob newest = job("list", 0, t0.plusSeconds(2), t0.plusSeconds(2));
        NewJob scheduled = job("list", 0, t0.plusSeconds(3600), t0.plusSeconds(1));
        NewJob elsewhere = new NewJob(JobId.newId(), type("list"), queue + "-other", 0, 3, t0, t0.plusSeconds(5), null);
        insert(middle, oldest, elsewhere, newest, scheduled);
        Instant now = t0.plusSeconds(10);

        assertThat(store.list(JobState.PENDING, queue, 100, now)).extracting(JobInfo::id)
                .containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(store.list(JobState.PENDING, queue, 2, now)).extracting(JobInfo::id)
                .containsExactly(newest.id(), middle.id());
        assertThat(store.list(JobState.SCHEDULED, queue, 100, now)).extracting(JobInfo::id)
                .containsExactly(scheduled.id());
        assertThat(store.list(null, queue, 100, now)).extracting(JobInfo::id).hasSize(4)
                .doesNotContain(elsewhere.id()).startsWith(newest.id()).endsWith(oldest.id());
        assertThat(store.list(null, queue + "-other", 100, now)).extracting(JobInfo::id)
                .containsExactly(elsewhere.id());
        assertThat(store.list(JobState.PENDING, null, 1000, now)).extracting(JobInfo::id)
                .contains(newest.id(), elsewhere.id()).doesNotContain(scheduled.id());
        assertThat(store.stats(queue + "-other", now)).containsEntry(JobState.PENDING, 1L);
    }

    @Test
    void fieldsOfAnyLengthAndAlphabetAreStoredAsTheyWere() {
        // Lengths on both sides of 31, 255 and 65,535 bytes: the widths a store may encode a length in.
        String payload = "{\"text\":\"" + "é€😀".repeat(9_000) + "\"}";
        String headers = "{\"traceparent\":\"" + "x".repeat(300) + "\"}";
        String uniqueKey = "ключ-" + "k".repeat(200);
        NewJob job = new NewJob(JobId.newId(), type("wide"), queue, 0, 3, t0, t0, payload, 2, uniqueKey, null, headers);
        insert(job);

        JobInfo found = store.find(job.id(), t0).orElseThrow();
        assertThat(found.payload()).isEqualTo(payload);
        assertThat(found.uniqueKey()).isEqualTo(uniqueKey);
        ClaimedJob claimed = single(store.claim(queue, List.of(type("wide")), 10, OWNER, t0, t0.plusSeconds(60)));
        assertThat(claimed.payload()).isEqualTo(payload);
        assertThat(claimed.headers()).isEqualTo(headers);
        assertThat(claimed.payloadVersion()).isEqualTo(2);
    }

    @Test
    void runningJobsAreListedNewestFirstWhateverTheirLeases() {
        NewJob older = job("list-running", 0, t0, t0);
        NewJob newer = job("list-running", 0, t0.plusSeconds(1), t0.plusSeconds(1));
        insert(older, newer);
        store.claim(queue, List.of(type("list-running")), 1, OWNER, t0.plusSeconds(2), t0.plusSeconds(600));
        store.claim(queue, List.of(type("list-running")), 1, OWNER, t0.plusSeconds(2), t0.plusSeconds(60));

        assertThat(store.list(JobState.RUNNING, queue, 10, t0.plusSeconds(3))).extracting(JobInfo::id)
                .containsExactly(newer.id(), older.id());
        assertThat(store.list(JobState.RUNNING, queue, 1, t0.plusSeconds(3))).extracting(JobInfo::id)
                .containsExactly(newer.id());
    }

    @Test
    void takeExpiredTakesExpiredLeasesOfEveryQueue() {
        NewJob here = job("lease-queues", 0, t0, t0);
        NewJob elsewhere = new NewJob(JobId.newId(), type("lease-queues"), queue + "-other", 0, 3, t0, t0, null);
        insert(here, elsewhere);
        store.claim(queue, List.of(type("lease-queues")), 10, OWNER, t0, t0.plusSeconds(60));
        store.claim(queue + "-other", List.of(type("lease-queues")), 10, OWNER, t0, t0.plusSeconds(60));

        assertThat(store.takeExpired(1000, OTHER_OWNER, t0.plusSeconds(61), t0.plusSeconds(120)))
                .extracting(ClaimedJob::id).contains(here.id(), elsewhere.id());
    }

    // ---- cancel, replay, delete

    @Test
    void cancelsOnlyWaitingJobs() {
        Instant now = t0.plusSeconds(600);
        Map<String, JobId> jobs = everyState(now);

        for (String name : List.of("scheduled", "due", "pending", "retrying")) {
            assertThat(store.cancel(jobs.get(name), now)).as(name).isEqualTo(Cancellation.CANCELLED);
            JobInfo cancelled = store.find(jobs.get(name), now).orElseThrow();
            assertThat(cancelled.state()).as(name).isEqualTo(JobState.CANCELLED);
            assertThat(cancelled.finishedAt()).as(name).isEqualTo(now);
        }
        assertThat(store.cancel(jobs.get("running"), now)).as("running: the request is recorded").isEqualTo(Cancellation.REQUESTED);
        assertThat(store.find(jobs.get("running"), now).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        for (String name : List.of("succeeded", "dead", "cancelled")) {
            JobState before = store.find(jobs.get(name), now).orElseThrow().state();
            assertThat(store.cancel(jobs.get(name), now)).as(name).isEqualTo(Cancellation.NONE);
            assertThat(store.find(jobs.get(name), now).orElseThrow().state()).as(name).isEqualTo(before);
        }
        assertThat(store.cancel(JobId.newId(), now)).isEqualTo(Cancellation.NONE);
        assertThat(claim(types(), 100, OWNER, now.plusSeconds(86_400))).isEmpty();
    }

    @Test
    void replaysDeadAndCancelledJobsFromTheStart() {
        Instant now = t0.plusSeconds(600);
        Map<String, JobId> jobs = everyState(now);
        Instant replayAt = now.plusSeconds(5);

        for (String name : List.of("dead", "cancelled")) {
            assertThat(store.replay(jobs.get(name), replayAt)).as(name).isTrue();
            JobInfo replayed = store.find(jobs.get(name), replayAt).orElseThrow();
            assertThat(replayed.state()).as(name).isEqualTo(JobState.PENDING);
            assertThat(replayed.attempt()).as(name).isZero();
            assertThat(replayed.runAt()).as(name).isEqualTo(replayAt);
            assertThat(replayed.finishedAt()).as(name).isNull();
        }
        for (String name : List.of("scheduled", "due", "pending", "running", "retrying", "succeeded")) {
            JobState before = store.find(jobs.get(name), now).orElseThrow().state();
            assertThat(store.replay(jobs.get(name), replayAt)).as(name).isFalse();
            assertThat(store.find(jobs.get(name), now).orElseThrow().state()).as(name).isEqualTo(before);
        }
        assertThat(store.replay(JobId.newId(), replayAt)).isFalse();

        ClaimedJob again = single(claim(List.of(type("dead")), 10, OWNER, replayAt));
        assertThat(again.id()).isEqualTo(jobs.get("dead"));
        assertThat(again.attempt()).isEqualTo(1);
    }

    @Test
    void deletesAnyJobButARunningOne() {
        Instant now = t0.plusSeconds(600);
        Map<String, JobId> jobs = everyState(now);

        assertThat(store.delete(jobs.get("running"))).isFalse();
        assertThat(store.find(jobs.get("running"), now)).isPresent();
        for (String name : List.of("scheduled", "due", "pending", "retrying", "succeeded", "dead", "cancelled")) {
            assertThat(store.delete(jobs.get(name))).as(name).isTrue();
            assertThat(store.find(jobs.get(name), now)).as(name).isEmpty();
            assertThat(store.delete(jobs.get(name))).as(name).isFalse();
        }
        assertThat(store.list(null, queue, 100, now)).extracting(JobInfo::id).containsExactly(jobs.get("running"));
    }

    // ---- timeouts, cancellation of running jobs, progress, results

    @Test
    void timeoutIsStoredWithTheJob() {
        NewJob limited = new NewJob(JobId.newId(), type("timeout"), queue, 0, 3, t0, t0, null, 1, null,
                Duration.ofMillis(1500), null);
        NewJob unlimited = job("timeout", 0, t0, t0);
        insert(limited, unlimited);

        assertThat(store.find(limited.id(), t0).orElseThrow().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(store.find(unlimited.id(), t0).orElseThrow().timeout()).isNull();
        assertThat(claim(List.of(type("timeout")), 10, OWNER, t0)).extracting(ClaimedJob::id, ClaimedJob::timeout)
                .containsExactlyInAnyOrder(tuple(limited.id(), Duration.ofMillis(1500)), tuple(unlimited.id(), null));
    }

    @Test
    void cancelOfARunningJobIsARequestForItsLeaseHolder() {
        NewJob job = job("cancel-running", 0, t0, t0);
        NewJob other = job("cancel-running", 0, t0, t0);
        insert(job, other);
        claim(List.of(type("cancel-running")), 10, OWNER, t0);
        Instant requested = t0.plusSeconds(1);

        assertThat(store.cancel(job.id(), requested)).isEqualTo(Cancellation.REQUESTED);
        assertThat(store.cancel(job.id(), requested.plusSeconds(1))).as("asked again").isEqualTo(Cancellation.REQUESTED);

        JobInfo found = store.find(job.id(), requested).orElseThrow();
        assertThat(found.state()).isEqualTo(JobState.RUNNING);
        assertThat(found.cancelRequestedAt()).as("the first request counts").isEqualTo(requested);
        assertThat(store.find(other.id(), requested).orElseThrow().cancelRequestedAt()).isNull();
        Instant leaseUntil = t0.plus(Duration.ofDays(2));
        assertThat(store.renewLeases(List.of(job.id(), other.id()), OWNER, leaseUntil)).containsExactly(job.id());
        assertThat(store.renewLeases(List.of(job.id(), other.id()), OTHER_OWNER, leaseUntil)).isEmpty();

        store.record(List.of(new Outcome.Cancelled(job.id(), requested.plusSeconds(2))), OTHER_OWNER);
        assertThat(state(job, requested)).as("only the lease holder ends it").isEqualTo(JobState.RUNNING);
        store.record(List.of(new Outcome.Cancelled(job.id(), requested.plusSeconds(2)),
                new Outcome.Succeeded(other.id(), requested.plusSeconds(2), true, null)), OWNER);

        JobInfo cancelled = store.find(job.id(), requested).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(requested.plusSeconds(2));
        assertThat(state(other, requested)).isEqualTo(JobState.SUCCEEDED);

        assertThat(store.replay(job.id(), requested.plusSeconds(3))).isTrue();
        assertThat(store.find(job.id(), requested).orElseThrow().cancelRequestedAt()).isNull();
        assertThat(single(claim(List.of(type("cancel-running")), 10, OWNER, requested.plusSeconds(3)))
                .cancelRequested()).isFalse();
    }

    @Test
    void aCancelRequestOutlivesTheLeaseOfItsWorker() {
        NewJob expired = job("cancel-lost", 0, t0, t0);
        NewJob released = job("cancel-released", 0, t0, t0);
        insert(expired, released);
        store.claim(queue, List.of(type("cancel-lost")), 1, OWNER, t0, t0.plusSeconds(60));
        claim(List.of(type("cancel-released")), 1, OWNER, t0);
        assertThat(store.cancel(expired.id(), t0)).isEqualTo(Cancellation.REQUESTED);
        assertThat(store.cancel(released.id(), t0)).isEqualTo(Cancellation.REQUESTED);
        Instant now = t0.plusSeconds(120);

        assertThat(single(mine(store.takeExpired(1000, OTHER_OWNER, now, now.plusSeconds(60)))).cancelRequested())
                .as("the new lease holder learns it and records the job cancelled").isTrue();
        store.record(List.of(new Outcome.Released(released.id())), OWNER);
        assertThat(single(claim(List.of(type("cancel-released")), 1, OTHER_OWNER, now)).cancelRequested()).isTrue();
    }

    @Test
    void progressIsStoredByTheLeaseHolderAndRenewsItsLease() {
        NewJob job = job("progress", 0, t0, t0);
        insert(job);
        store.claim(queue, List.of(type("progress")), 1, OWNER, t0, t0.plusSeconds(60));
        JobProgress halfway = new JobProgress(5, 10, "page 5 of 10", t0.plusSeconds(1));

        assertThat(store.progress(job.id(), OWNER, StoredProgress.format(halfway), t0.plusSeconds(600))).isFalse();

        assertThat(store.find(job.id(), t0).orElseThrow().progress()).isEqualTo(halfway);
        assertThat(mine(store.takeExpired(1000, "reaper", t0.plusSeconds(120), t0.plus(Duration.ofDays(1)))))
                .as("the lease runs until the progress' renewal").isEmpty();

        JobProgress foreign = new JobProgress(9, 10, "not the holder", t0.plusSeconds(2));
        assertThat(store.progress(job.id(), OTHER_OWNER, StoredProgress.format(foreign), t0.plus(Duration.ofDays(9))))
                .isFalse();
        assertThat(store.find(job.id(), t0).orElseThrow().progress()).isEqualTo(halfway);

        assertThat(store.cancel(job.id(), t0.plusSeconds(3))).isEqualTo(Cancellation.REQUESTED);
        assertThat(store.progress(job.id(), OWNER, StoredProgress.format(halfway), t0.plusSeconds(600)))
                .as("progress tells the handler of the cancel request").isTrue();
    }

    @Test
    void resultIsStoredWithTheSucceededJobAndReplayForgetsProgress() {
        NewJob withResult = job("result", 0, t0, t0);
        NewJob withoutResult = job("result", 0, t0, t0);
        NewJob dead = job("result", 0, t0, t0);
        insert(withResult, withoutResult, dead);
        claim(List.of(type("result")), 10, OWNER, t0);
        store.progress(dead.id(), OWNER, StoredProgress.format(new JobProgress(1, 2, null, t0)),
                t0.plus(Duration.ofDays(1)));
        Instant finished = t0.plusSeconds(1);

        store.record(List.of(new Outcome.Succeeded(withResult.id(), finished, true, "{\"pages\":10}"),
                new Outcome.Succeeded(withoutResult.id(), finished, true, null),
                new Outcome.Failed(dead.id(), JobState.DEAD, t0, finished, "gone", null)), OWNER);

        JobInfo succeeded = store.find(withResult.id(), finished).orElseThrow();
        assertThat(succeeded.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(succeeded.finishedAt()).isEqualTo(finished);
        assertThat(succeeded.result()).isEqualTo("{\"pages\":10}");
        assertThat(store.find(withoutResult.id(), finished).orElseThrow().result()).isNull();
        assertThat(store.find(dead.id(), finished).orElseThrow().progress())
                .isEqualTo(new JobProgress(1, 2, null, t0));

        assertThat(store.replay(dead.id(), finished)).isTrue();
        assertThat(store.find(dead.id(), finished).orElseThrow().progress()).isNull();
    }

    // ---- prune

    @Test
    void prunesOnlySucceededJobsFinishedBeforeTheInstantWithinTheLimit() {
        // Finish times far in the past: no other test's succeeded jobs are that old.
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        List<JobId> prunable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            prunable.add(finish("prune", JobState.SUCCEEDED, old.plusSeconds(i)));
        }
        JobId recent = finish("prune", JobState.SUCCEEDED, old.plus(Duration.ofDays(1)));
        JobId dead = finish("prune", JobState.DEAD, old);
        NewJob pending = job("prune", 0, t0, t0);
        insert(pending);
        Instant before = old.plus(Duration.ofHours(1));

        assertThat(store.pruneSucceeded(before, 2)).isEqualTo(2);
        assertThat(prunable.stream().filter(id -> store.find(id, t0).isPresent())).hasSize(1);
        assertThat(store.pruneSucceeded(before, 2)).isEqualTo(1);
        assertThat(store.pruneSucceeded(before, 2)).isZero();

        assertThat(prunable).allSatisfy(id -> assertThat(store.find(id, t0)).isEmpty());
        assertThat(store.find(recent, t0)).isPresent();
        assertThat(store.find(dead, t0)).isPresent();
        assertThat(store.find(pending.id(), t0)).isPresent();
    }

    // ---- transactions

    @Test
    void insertWithoutATransactionRunsAfterCommitAtOnce() {
        NewJob job = job("tx-none", 0, t0, t0);
        AtomicReference<Boolean> visible = new AtomicReference<>();

        assertThat(QuarkusTransaction.isActive()).isFalse();
        store.insert(List.of(job), () -> visible.set(CompletableFuture
                .supplyAsync(() -> store.find(job.id(), t0).isPresent()).orTimeout(30, TimeUnit.SECONDS).join()));

        assertThat(visible.get()).as("afterCommit ran, and saw the job").isTrue();
    }

    // ---- limits

    @Test
    void concurrentClaimersNeverExceedAConcurrencyLimit() throws Exception {
        String limited = type("max-two");
        int rounds = 20;
        for (int i = 0; i < 2 * rounds; i++) {
            insert(job("max-two", 0, t0, t0));
        }
        Map<String, TypeLimit> limits = Map.of(limited, new TypeLimit(2, 0, null));
        List<String> owners = List.of(OWNER, OTHER_OWNER, "owner-c", "owner-d");
        ExecutorService claimers = Executors.newFixedThreadPool(owners.size());
        try {
            // Each round every owner claims at once, then they finish what they got, which frees the places again.
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Map<String, Future<List<ClaimedJob>>> results = new LinkedHashMap<>();
                for (String owner : owners) {
                    results.put(owner, claimers.submit(() -> {
                        start.await();
                        return claimLimited(List.of(limited), limits, 3, owner, t0);
                    }));
                }
                start.countDown();
                Map<String, List<ClaimedJob>> claimed = new LinkedHashMap<>();
                for (Map.Entry<String, Future<List<ClaimedJob>>> result : results.entrySet()) {
                    claimed.put(result.getKey(), result.getValue().get(60, TimeUnit.SECONDS));
                }
                assertThat(claimed.values().stream().mapToInt(List::size).sum()).as("claimed in round %d", round)
                        .isEqualTo(2);
                assertThat(store.stats(queue, t0)).containsEntry(JobState.RUNNING, 2L);
                assertThat(store.list(JobState.PENDING, queue, 20, t0)).extracting(JobInfo::attempt)
                        .allMatch(attempt -> attempt == 0);
                claimed.forEach((owner, jobs) -> store.record(jobs.stream()
                        .<Outcome> map(job -> new Outcome.Succeeded(job.id(), t0, true, null)).toList(), owner));
            }
            assertThat(store.stats(queue, t0)).containsEntry(JobState.SUCCEEDED, 2L * rounds);
        } finally {
            claimers.shutdownNow();
        }
    }

    @Test
    void aRateLimitAllowsItsStartsPerWindowThenNoneUntilTheNext() {
        String limited = type("three-a-minute");
        for (int i = 0; i < 8; i++) {
            insert(job("three-a-minute", 0, t0, t0));
        }
        Map<String, TypeLimit> limits = Map.of(limited, new TypeLimit(0, 3, Duration.ofMinutes(1)));

        List<ClaimedJob> first = claimLimited(List.of(limited), limits, 2, OWNER, t0);
        assertThat(first).hasSize(2);
        store.record(first.stream().<Outcome> map(job -> new Outcome.Succeeded(job.id(), t0, true, null)).toList(), OWNER);
        assertThat(claimLimited(List.of(limited), limits, 10, OTHER_OWNER, t0.plusSeconds(10))).as("the third start")
                .hasSize(1);
        assertThat(claimLimited(List.of(limited), limits, 10, OWNER, t0.plusSeconds(59))).as("window spent").isEmpty();
        assertThat(store.list(JobState.PENDING, queue, 20, t0.plusSeconds(59))).hasSize(5)
                .extracting(JobInfo::attempt).containsOnly(0);

        assertThat(claimLimited(List.of(limited), limits, 10, OWNER, t0.plusSeconds(60))).as("next window").hasSize(3);
        assertThat(claimLimited(List.of(limited), limits, 10, OWNER, t0.plusSeconds(90))).isEmpty();
        assertThat(claimLimited(List.of(limited), limits, 10, OWNER, t0.plusSeconds(120))).hasSize(2);
    }

    @Test
    void aTypeHeldBackByItsLimitDoesNotHoldBackOtherTypes() {
        String limited = type("held-back");
        String free = type("free");
        for (int i = 0; i < 3; i++) {
            insert(job("held-back", 10, t0, t0), job("free", 0, t0, t0));
        }
        Map<String, TypeLimit> limits = Map.of(limited, new TypeLimit(1, 0, null));

        List<ClaimedJob> claimed = claimLimited(List.of(limited, free), limits, 10, OWNER, t0);
        assertThat(claimed).extracting(ClaimedJob::type).containsExactlyInAnyOrder(limited, free, free, free);

        insert(job("free", 0, t0, t0));
        assertThat(claimLimited(List.of(limited, free), limits, 10, OWNER, t0)).extracting(ClaimedJob::type)
                .containsExactly(free);
    }

    // ---- oldest runnable job

    @Test
    void oldestRunnableIsTheEarliestDueRunTimeOfTheGivenTypes() {
        NewJob later = job("a", 0, t0.plusSeconds(5), t0);
        NewJob urgent = job("b", 10, t0.plusSeconds(3), t0);
        NewJob retried = job("a", 0, t0, t0);
        NewJob future = job("a", 0, t0.plusSeconds(3600), t0);
        NewJob otherType = job("other", 0, t0.minusSeconds(60), t0);
        NewJob running = job("c", 0, t0.minusSeconds(30), t0);
        insert(later, urgent, retried, future, otherType, running);
        single(claim(List.of(type("a")), 1, OWNER, t0));
        store.record(List.of(new Outcome.Failed(retried.id(), JobState.RETRYING, t0.plusSeconds(2), t0, "again",
                null)), OWNER);
        single(claim(List.of(type("c")), 1, OWNER, t0));
        List<String> types = List.of(type("a"), type("b"), type("c"));

        assertThat(store.oldestRunnable(queue, types, t0.plusSeconds(60))).as("the retry, due at t0 + 2s")
                .contains(t0.plusSeconds(2));
        assertThat(store.oldestRunnable(queue, types, t0.plusSeconds(1))).as("nothing due yet").isEmpty();
        assertThat(store.oldestRunnable(queue, List.of(type("b")), t0.plusSeconds(60))).contains(t0.plusSeconds(3));
        assertThat(store.oldestRunnable(queue, List.of(type("other")), t0)).contains(t0.minusSeconds(60));
        assertThat(store.oldestRunnable(queue, List.of(), t0.plusSeconds(60))).isEmpty();
        assertThat(store.oldestRunnable("no-such-queue-" + queue, types, t0.plusSeconds(60))).isEmpty();
    }

    /** Claims order jobs by priority first: the oldest job may wait behind younger ones of a higher priority. */
    @Test
    void oldestRunnableLooksPastHigherPriorities() {
        NewJob high = job("x", 10, t0.plusSeconds(4), t0);
        NewJob low = job("x", 0, t0.plusSeconds(1), t0);
        NewJob highFirst = job("x", 10, t0.plusSeconds(3), t0);
        insert(high, low, highFirst);
        Instant now = t0.plusSeconds(60);
        assertThat(single(claim(List.of(type("x")), 1, OWNER, now)).id()).isEqualTo(highFirst.id());

        assertThat(store.oldestRunnable(queue, List.of(type("x")), now)).contains(t0.plusSeconds(1));
        single(claim(List.of(type("x")), 1, OWNER, now));
        assertThat(store.oldestRunnable(queue, List.of(type("x")), now)).contains(t0.plusSeconds(1));
        single(claim(List.of(type("x")), 1, OWNER, now));
        assertThat(store.oldestRunnable(queue, List.of(type("x")), now)).isEmpty();
    }

    // ---- helpers

    /** The job types of this test: unique to it. */
    String type(String name) {
        return name + "@" + queue;
    }

    Collection<String> types() {
        return List.of("scheduled", "due", "pending", "running", "retrying", "succeeded", "dead", "cancelled")
                .stream().map(this::type).toList();
    }

    NewJob job(String name, int priority, Instant runAt, Instant createdAt) {
        return new NewJob(JobId.newId(), type(name), queue, priority, 3, runAt, createdAt,
                "{\"name\":\"" + name + "\"}");
    }

    static NewJob keyed(NewJob job, String uniqueKey) {
        return new NewJob(job.id(), job.type(), job.queue(), job.priority(), job.maxAttempts(), job.runAt(),
                job.createdAt(), job.payload(), job.payloadVersion(), uniqueKey, null, null);
    }

    /** Inserts a new job of the key in this test's queue; returns the id of the job holding the key. */
    JobId insertKeyed(String uniqueKey) {
        return single(store.insert(List.of(keyed(job("keyed", 0, t0, t0), uniqueKey)), () -> {
        }));
    }

    void insert(NewJob... jobs) {
        store.insert(List.of(jobs), () -> {
        });
    }

    /** Claims within {@code limits}, with a lease of a day. */
    List<ClaimedJob> claimLimited(Collection<String> types, Map<String, TypeLimit> limits, int limit, String owner,
            Instant now) {
        return store.claim(queue, types, limits, limit, owner, now, now.plus(Duration.ofDays(1)));
    }

    /** Claims with a lease of a day, which no test's {@code takeExpired} reaches. */
    List<ClaimedJob> claim(Collection<String> types, int limit, String owner, Instant now) {
        return store.claim(queue, types, limit, owner, now, now.plus(Duration.ofDays(1)));
    }

    JobState state(NewJob job, Instant now) {
        return store.find(job.id(), now).orElseThrow().state();
    }

    static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The jobs among these that belong to this test's queue. */
    List<ClaimedJob> mine(List<ClaimedJob> jobs) {
        return jobs.stream().filter(job -> job.queue().equals(queue)).toList();
    }

    /** A job of its own type run once and ended as {@code SUCCEEDED} or {@code DEAD} at {@code finishedAt}. */
    JobId finish(String name, JobState end, Instant finishedAt) {
        NewJob job = new NewJob(JobId.newId(), type(name + "-" + UUID.randomUUID()), queue, 0, 1, finishedAt,
                finishedAt, null);
        insert(job);
        single(claim(List.of(job.type()), 1, OWNER, finishedAt));
        store.record(List.of(end == JobState.SUCCEEDED ? new Outcome.Succeeded(job.id(), finishedAt, true, null)
                : new Outcome.Failed(job.id(), JobState.DEAD, finishedAt, finishedAt, "dead", null)), OWNER);
        return job.id();
    }

    /**
     * One job in every state, each of its own type named after the state, as read at {@code now} (after
     * {@code t0 + 60s}): "scheduled" runs after {@code now}, "due" is stored SCHEDULED with a run time before
     * {@code now} and so reads as PENDING.
     */
    Map<String, JobId> everyState(Instant now) {
        NewJob scheduled = job("scheduled", 0, now.plusSeconds(3600), t0);
        NewJob due = job("due", 0, t0.plusSeconds(60), t0);
        NewJob pending = job("pending", 0, t0, t0.plusMillis(1));
        NewJob running = job("running", 0, t0, t0.plusMillis(2));
        NewJob retrying = job("retrying", 0, t0, t0.plusMillis(3));
        NewJob succeeded = job("succeeded", 0, t0, t0.plusMillis(4));
        NewJob dead = job("dead", 0, t0, t0.plusMillis(5));
        NewJob cancelled = job("cancelled", 0, t0, t0.plusMillis(6));
        insert(scheduled, due, pending, running, retrying, succeeded, dead, cancelled);
        Instant claimAt = t0.plusSeconds(1);
        for (NewJob job : List.of(running, retrying, succeeded, dead)) {
            single(store.claim(queue, List.of(job.type()), 10, OWNER, claimAt, now.plus(Duration.ofDays(1))));
        }
        Instant finished = t0.plusSeconds(2);
        store.record(List.of(
                new Outcome.Failed(retrying.id(), JobState.RETRYING, now.plusSeconds(3600), finished, "again", null),
                new Outcome.Succeeded(succeeded.id(), finished, true, null),
                new Outcome.Failed(dead.id(), JobState.DEAD, finished, finished, "gone", null)), OWNER);
        assertThat(store.cancel(cancelled.id(), finished)).isEqualTo(Cancellation.CANCELLED);
        return Map.of("scheduled", scheduled.id(), "due", due.id(), "pending", pending.id(), "running", running.id(),
                "retrying", retrying.id(), "succeeded", succeeded.id(), "dead", dead.id(), "cancelled",
                cancelled.id());
    }
}
