package io.quarkiverse.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class JobOptionsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void defaultsRunNowOnTheHandlersQueue() {
        JobOptions options = JobOptions.defaults();

        assertThat(options.queue()).isNull();
        assertThat(options.priority()).isZero();
        assertThat(options.maxAttempts()).isNull();
        assertThat(options.runAtFrom(NOW)).isEqualTo(NOW);
    }

    @Test
    void optionsAreImmutable() {
        JobOptions base = JobOptions.defaults();
        JobOptions images = base.queue("images").priority(10).maxAttempts(3);

        assertThat(base.queue()).isNull();
        assertThat(images.queue()).isEqualTo("images");
        assertThat(images.priority()).isEqualTo(10);
        assertThat(images.maxAttempts()).isEqualTo(3);
    }

    @Test
    void delayAndRunAtReplaceEachOther() {
        assertThat(JobOptions.defaults().runAt(NOW.plusSeconds(5)).delay(Duration.ofSeconds(60)).runAtFrom(NOW))
                .isEqualTo(NOW.plusSeconds(60));
        assertThat(JobOptions.defaults().delay(Duration.ofSeconds(60)).runAt(NOW.plusSeconds(5)).runAtFrom(NOW))
                .isEqualTo(NOW.plusSeconds(5));
        assertThat(JobOptions.defaults().runAt(NOW.minusSeconds(5)).runAtFrom(NOW)).isEqualTo(NOW);
    }

    @Test
    void badValuesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> JobOptions.defaults().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use Duration.ZERO or more");
        assertThatThrownBy(() -> JobOptions.defaults().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 attempt");
        assertThatThrownBy(() -> JobOptions.defaults().queue(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue name must not be");
        assertThatThrownBy(() -> JobOptions.defaults().delay(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JobOptions.defaults().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The timeout PT0S is not positive");
        assertThatThrownBy(() -> JobOptions.defaults().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. Duration.ofSeconds(30)");
        assertThatThrownBy(() -> JobOptions.defaults().timeout(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void timeoutIsKeptByOtherOptions() {
        assertThat(JobOptions.defaults().timeout()).isNull();
        assertThat(JobOptions.defaults().timeout(Duration.ofSeconds(30)).priority(2).queue("q").timeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void progressMustBeWithinItsTotal() {
        assertThat(new JobProgress(0, 0, null, NOW).total()).isZero();
        assertThat(new JobProgress(10, 10, "done", NOW).done()).isEqualTo(10);
        for (long[] bad : new long[][] { { -1, 10 }, { 0, -1 }, { 11, 10 } }) {
            assertThatThrownBy(() -> new JobProgress(bad[0], bad[1], null, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Progress " + bad[0] + " of " + bad[1] + " is impossible: report 0 <= done <= total");
        }
    }

    @Test
    void aUniqueKeyIsKeptByTheOtherOptions() {
        JobOptions options = JobOptions.defaults().uniqueKey("invoice-42").queue("mail").delay(Duration.ofSeconds(1))
                .runAt(NOW).maxAttempts(2).priority(3);

        assertThat(options.uniqueKey()).isEqualTo("invoice-42");
        assertThat(JobOptions.defaults().uniqueKey()).isNull();
    }

    @Test
    void aBlankOrTooLongUniqueKeyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> JobOptions.defaults().uniqueKey(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A unique key must not be null or blank");
        assertThatThrownBy(() -> JobOptions.defaults().uniqueKey(null)).isInstanceOf(IllegalArgumentException.class);
        String longest = "k".repeat(JobOptions.MAX_UNIQUE_KEY_LENGTH);
        assertThat(JobOptions.defaults().uniqueKey(longest).uniqueKey()).isEqualTo(longest);
        assertThatThrownBy(() -> JobOptions.defaults().uniqueKey(longest + "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 256 characters long, over the limit of 255: use a shorter key");
    }
}
