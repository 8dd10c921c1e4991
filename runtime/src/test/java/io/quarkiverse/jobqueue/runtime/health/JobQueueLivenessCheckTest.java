package io.quarkiverse.jobqueue.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.runtime.engine.DispatcherStatus;

/**
 * The liveness verdict on dispatcher states that a running application cannot be brought into on purpose: a
 * dispatcher thread that died. (A stuck dispatcher is tested for real in {@code RedisHealthTest}.)
 */
class JobQueueLivenessCheckTest {

    static final Duration STUCK_AFTER = JobQueueLivenessCheck.stuckAfter(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void stuckAfterAllowsThePollIntervalTheLongestBackoffAndTheClaimTimeout() {
        assertThat(STUCK_AFTER).isEqualTo(Duration.ofSeconds(66));
    }

    @Test
    void upWhenEveryDispatcherGoesRound() {
        HealthCheckResponse response = JobQueueLivenessCheck.check(List.of(
                new DispatcherStatus("a", true, Duration.ofMillis(10)),
                new DispatcherStatus("b", true, Duration.ofSeconds(65))), STUCK_AFTER);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("dispatchers", 2L)
                .containsEntry("b.since-last-round-ms", 65_000L);
    }

    @Test
    void downWhenADispatcherThreadDied() {
        HealthCheckResponse response = JobQueueLivenessCheck.check(List.of(
                new DispatcherStatus("a", true, Duration.ofMillis(10)),
                new DispatcherStatus("b", false, Duration.ofMillis(10))), STUCK_AFTER);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) response.getData().orElseThrow().get("b.problem"))
                .contains("dispatcher thread of queue 'b' stopped");
        assertThat(response.getData().orElseThrow()).doesNotContainKey("a.problem");
    }

    @Test
    void downWhenADispatcherIsStuck() {
        HealthCheckResponse response = JobQueueLivenessCheck.check(List.of(
                new DispatcherStatus("a", true, Duration.ofSeconds(67))), STUCK_AFTER);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) response.getData().orElseThrow().get("a.problem")).contains("is stuck")
                .contains("67000 ms").contains("66000 ms");
    }

    @Test
    void upWithoutDispatchers() {
        HealthCheckResponse response = JobQueueLivenessCheck.check(List.of(), STUCK_AFTER);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("dispatchers", 0L);
    }
}
