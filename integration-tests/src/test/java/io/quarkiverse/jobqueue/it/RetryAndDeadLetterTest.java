package io.quarkiverse.jobqueue.it;

import static io.quarkiverse.jobqueue.it.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RetryAndDeadLetterTest {

    /** quarkus.job-queue.retry.initial-backoff in the test profile. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    /** A retry waits for the poll at most this long after it is due, plus scheduling noise. */
    static final Duration PICKUP_SLACK = Duration.ofMillis(200 + 800);

    @Inject
    JobQueue jobs;

    @Inject
    TestHandlers handlers;

    @Test
    void failingJobRetriesWithBackoffThenEndsDeadWithItsHistory() {
        JobId id = jobs.enqueue("it-always-fails", null);

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.attempt()).isEqualTo(3);
        assertThat(dead.maxAttempts()).isEqualTo(3);
        assertThat(dead.finishedAt()).isNotNull();
        assertThat(dead.lastError()).isEqualTo("java.lang.IllegalStateException: failure 3");
        List<JobAttempt> history = dead.attempts();
        assertThat(history).extracting(JobAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(history).extracting(JobAttempt::error).containsExactly(
                "java.lang.IllegalStateException: failure 1", "java.lang.IllegalStateException: failure 2",
                "java.lang.IllegalStateException: failure 3");
        assertThat(history).allSatisfy(attempt -> {
            assertThat(attempt.stackTrace()).contains("TestHandlers.alwaysFails");
            assertThat(attempt.failedAt()).isAfterOrEqualTo(attempt.startedAt());
        });
        // Full jitter: the wait after attempt n is at most initial * 2^(n-1).
        List<Instant> starts = handlers.attemptStarts.get(id);
        assertThat(starts).hasSize(3);
        assertThat(Duration.between(history.get(0).failedAt(), starts.get(1)))
                .isLessThanOrEqualTo(INITIAL_BACKOFF.plus(PICKUP_SLACK));
        assertThat(Duration.between(history.get(1).failedAt(), starts.get(2)))
                .isLessThanOrEqualTo(INITIAL_BACKOFF.multipliedBy(2).plus(PICKUP_SLACK));
        assertThat(jobs.list(JobState.DEAD, null, 1000)).extracting(JobInfo::id).contains(id);
    }

    @Test
    void retryingJobShowsItsNextRunTime() {
        JobId id = jobs.enqueue("it-always-fails", null, JobOptions.defaults().maxAttempts(50));

        JobInfo retrying = awaitState(jobs, id, JobState.RETRYING);

        assertThat(retrying.lastError()).startsWith("java.lang.IllegalStateException: failure");
        assertThat(retrying.runAt()).isAfterOrEqualTo(retrying.attempts().get(0).failedAt());
        assertThat(retrying.maxAttempts()).isEqualTo(50);
        jobs.cancel(id);
    }

    @Test
    void nonRetryableExceptionEndsDeadAtOnce() {
        JobId id = jobs.enqueue("it-non-retryable", null);

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.attempt()).isEqualTo(1);
        assertThat(dead.maxAttempts()).isEqualTo(5);
        assertThat(dead.lastError()).contains("NonRetryableJobException: this input can never work");
    }

    @Test
    void payloadThatCannotBeReadEndsDeadWithTheReason() {
        JobId id = jobs.enqueue("it-order", "not an order");

        JobInfo dead = awaitState(jobs, id, JobState.DEAD);

        assertThat(dead.attempt()).isEqualTo(1);
        assertThat(dead.lastError()).contains("cannot be read as io.quarkiverse.jobqueue.it.TestHandlers$Order");
    }

    @Test
    void deadJobIsReplayedWithAttemptsReset() {
        handlers.replayableFails = true;
        JobId id = jobs.enqueue("it-replayable", null);
        awaitState(jobs, id, JobState.DEAD);

        handlers.replayableFails = false;
        assertThat(jobs.replay(id)).isTrue();

        JobInfo done = awaitState(jobs, id, JobState.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.attempts()).hasSize(1);
        assertThat(jobs.replay(id)).isFalse();
    }

    @Test
    void deadJobIsKeptUntilDeleted() {
        JobId id = jobs.enqueue("it-non-retryable", null);
        awaitState(jobs, id, JobState.DEAD);

        assertThat(jobs.find(id)).isPresent();
        assertThat(jobs.delete(id)).isTrue();
        assertThat(jobs.find(id)).isEmpty();
    }
}
