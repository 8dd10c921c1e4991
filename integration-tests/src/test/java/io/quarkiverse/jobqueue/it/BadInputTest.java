package io.quarkiverse.jobqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadInputTest {

    @Inject
    JobQueue jobs;

    /** Has no properties, so Jackson refuses to serialize it. */
    static class Opaque {
    }

    @Test
    void blankOrNullTypeIsRefused() {
        assertRefusedWithNothingWritten(() -> jobs.enqueue(" ", "x"), "job type must not be null or blank");
        assertRefusedWithNothingWritten(() -> jobs.enqueue(null, "x"), "job type must not be null or blank");
    }

    @Test
    void unserializablePayloadIsRefused() {
        assertRefusedWithNothingWritten(() -> jobs.enqueue("it-order", new Opaque()),
                "cannot be serialized to JSON");
    }

    @Test
    void oversizedPayloadIsRefused() {
        String large = "x".repeat(70 * 1024);
        assertRefusedWithNothingWritten(() -> jobs.enqueue("it-order", large),
                "over quarkus.job-queue.max-payload-size (65536 bytes)");
    }

    @Test
    void oneBadPayloadRefusesTheWholeBatch() {
        assertRefusedWithNothingWritten(() -> jobs.enqueueAll("it-count", java.util.List.of("ok", new Opaque())),
                "cannot be serialized to JSON");
    }

    @Test
    void negativeDelayAndTooFewAttemptsAreRefused() {
        assertThatThrownBy(() -> JobOptions.defaults().delay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is negative");
        assertThatThrownBy(() -> JobOptions.defaults().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 attempt");
        assertThatThrownBy(() -> JobOptions.defaults().queue(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null or blank");
    }

    @Test
    void unconfiguredQueueForAHandledTypeIsRefused() {
        assertRefusedWithNothingWritten(() -> jobs.enqueue("it-order", null, JobOptions.defaults().queue("nowhere")),
                "quarkus.job-queue.queues.\"nowhere\".concurrency");
    }

    @Test
    void malformedIdIsRefused() {
        assertThatThrownBy(() -> JobId.of("42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a job id");
        assertThatThrownBy(() -> jobs.list(JobState.DEAD, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private void assertRefusedWithNothingWritten(Runnable enqueue, String message) {
        long before = total();
        assertThatThrownBy(enqueue::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(total()).isEqualTo(before);
    }

    private long total() {
        Map<JobState, Long> stats = jobs.stats(null);
        return stats.values().stream().mapToLong(Long::longValue).sum();
    }
}
