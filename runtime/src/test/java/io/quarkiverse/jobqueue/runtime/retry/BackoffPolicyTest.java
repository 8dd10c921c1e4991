package io.quarkiverse.jobqueue.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    @Test
    void ceilingDoublesFromTheInitialBackoffUpToTheMaximum() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(policy.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheCeiling() {
        BackoffPolicy lowest = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), bound -> 0);
        BackoffPolicy highest = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), bound -> bound);

        assertThat(lowest.delayAfter(3)).isZero();
        assertThat(highest.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void randomDelaysStayWithinTheCeilingAndSpread() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(10));
        long distinct = java.util.stream.IntStream.range(0, 200).mapToObj(i -> policy.delayAfter(4))
                .peek(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(800)))
                .distinct().count();

        assertThat(distinct).as("jitter spreads retries").isGreaterThan(50);
    }
}
