package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.it.TestHandlers.Order;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresSchema.class, restrictToAnnotatedClass = false)
class EnqueueAndRunTest {

    @Inject
    JobQueue jobs;

    @Inject
    TestHandlers handlers;

    @Test
    void recordPayloadRoundTripsAndJobSucceeds() {
        Order order = new Order("o-1", List.of("book", "pen"), Map.of("book", 2, "pen", 5));
        JobId id = jobs.enqueue("it-order", order);

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);

        assertThat(handlers.orders.get(id)).isEqualTo(order);
        assertThat(done.type()).isEqualTo("it-order");
        assertThat(done.queue()).isEqualTo("default");
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.maxAttempts()).isEqualTo(5);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.payload()).contains("\"orderId\":\"o-1\"");
        assertThat(done.attempts()).isEmpty();
    }

    @Test
    void delayedJobDoesNotRunBeforeItsTime() {
        Instant enqueuedAt = Instant.now();
        JobId id = jobs.enqueue("it-delayed", null, JobOptions.defaults().delay(Duration.ofMillis(1500)));

        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        awaitState(jobs, id, JobState.SUCCEEDED);

        assertThat(handlers.startedAt.get(id)).isAfterOrEqualTo(enqueuedAt.plusMillis(1500));
    }

    @Test
    void runAtInThePastRunsNow() {
        JobId id = jobs.enqueue("it-delayed", null, JobOptions.defaults().runAt(Instant.now().minusSeconds(60)));
        awaitState(jobs, id, JobState.SUCCEEDED);
    }

    @Test
    void higherPriorityRunsFirst() {
        handlers.serialOrder.clear();
        // Hold the single worker of queue "serial" back until all jobs are in, by making them due together.
        Instant due = Instant.now().plusMillis(800);
        List<JobId> ids = new ArrayList<>();
        ids.add(jobs.enqueue("it-serial", "low", JobOptions.defaults().runAt(due).priority(-5)));
        ids.add(jobs.enqueue("it-serial", "high", JobOptions.defaults().runAt(due).priority(10)));
        ids.add(jobs.enqueue("it-serial", "normal", JobOptions.defaults().runAt(due)));
        ids.add(jobs.enqueue("it-serial", "highest", JobOptions.defaults().runAt(due).priority(100)));

        ids.forEach(id -> awaitState(jobs, id, JobState.SUCCEEDED));

        assertThat(handlers.serialOrder).containsExactly("highest", "high", "normal", "low");
    }

    @Test
    void enqueueAllWritesEveryJob() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            orders.add(new Order("batch-" + i, List.of(), Map.of()));
        }
        List<JobId> ids = jobs.enqueueAll("it-order", orders, JobOptions.defaults().priority(1));

        assertThat(ids).hasSize(1200).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(30)).until(() -> handlers.orders.keySet().containsAll(ids));
        for (int i = 0; i < ids.size(); i++) {
            assertThat(handlers.orders.get(ids.get(i)).orderId()).isEqualTo("batch-" + i);
        }
        awaitState(jobs, ids.get(ids.size() - 1), JobState.SUCCEEDED);
    }

    @Test
    void jobOfATypeWithoutHandlerIsNeverClaimedNorDropped() throws InterruptedException {
        JobId id = jobs.enqueue("it-handled-elsewhere", Map.of("x", 1));

        Thread.sleep(1_000);

        JobInfo info = jobs.find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(JobState.PENDING);
        assertThat(info.attempt()).isZero();
        assertThat(jobs.delete(id)).isTrue();
    }

    @Test
    void cancelBeforeStart() {
        JobId id = jobs.enqueue("it-delayed", null, JobOptions.defaults().delay(Duration.ofHours(1)));

        assertThat(jobs.cancel(id)).isTrue();

        JobInfo info = jobs.find(id).orElseThrow();
        assertThat(info.state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.cancel(id)).isFalse();
        assertThat(jobs.list(JobState.CANCELLED, null, 100)).extracting(JobInfo::id).contains(id);
    }

    @Test
    void cancelledJobCanBeReplayed() {
        JobId id = jobs.enqueue("it-delayed", null, JobOptions.defaults().delay(Duration.ofHours(1)));
        jobs.cancel(id);

        assertThat(jobs.replay(id)).isTrue();

        awaitState(jobs, id, JobState.SUCCEEDED);
    }

    @Test
    void cannotCancelAFinishedJob() {
        JobId id = jobs.enqueue("it-delayed", null);
        awaitState(jobs, id, JobState.SUCCEEDED);

        assertThat(jobs.cancel(id)).isFalse();
        assertThat(jobs.replay(id)).isFalse();
    }

    @Test
    void deleteRemovesTheJob() {
        JobId id = jobs.enqueue("it-delayed", null, JobOptions.defaults().delay(Duration.ofHours(1)));

        assertThat(jobs.delete(id)).isTrue();

        assertThat(jobs.find(id)).isEmpty();
        assertThat(jobs.delete(id)).isFalse();
    }

    @Test
    void statsCountEveryStateAndListFiltersByQueue() {
        JobId scheduled = jobs.enqueue("it-delayed", null, JobOptions.defaults().delay(Duration.ofHours(1)));
        JobId serialScheduled = jobs.enqueue("it-serial", "stats", JobOptions.defaults().delay(Duration.ofHours(1)));

        Map<JobState, Long> all = jobs.stats(null);
        Map<JobState, Long> serial = jobs.stats("serial");

        assertThat(all).containsOnlyKeys(JobState.values());
        assertThat(all.get(JobState.SCHEDULED)).isGreaterThanOrEqualTo(2);
        assertThat(serial.get(JobState.SCHEDULED)).isGreaterThanOrEqualTo(1);
        assertThat(jobs.list(JobState.SCHEDULED, "serial", 100)).extracting(JobInfo::id)
                .contains(serialScheduled).doesNotContain(scheduled);
        assertThat(jobs.list(null, null, 1)).hasSize(1);
        jobs.delete(scheduled);
        jobs.delete(serialScheduled);
    }
}
