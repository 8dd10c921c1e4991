package io.quarkiverse.jobqueue.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.jobqueue.runtime.engine.EngineSettings;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class JobQueueSettingsTest {

    @Test
    void defaultsServeEveryHandlerQueueAndEveryConfiguredQueue() {
        EngineSettings settings = JobQueueSettings.from(config(Map.of(
                "quarkus.job-queue.queues.images.concurrency", "3",
                "quarkus.job-queue.queues.reports.concurrency", "1")), List.of("default", "images"));

        assertThat(settings.concurrency()).containsOnly(Map.entry("default", 10), Map.entry("images", 3),
                Map.entry("reports", 1));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(100));
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.defaultMaxAttempts()).isEqualTo(5);
        assertThat(settings.retainSucceeded()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff().ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff().ceiling(20)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void invalidValuesFailWithEveryKeyAndReason() {
        JobQueueConfig config = config(Map.of(
                "quarkus.job-queue.concurrency", "0",
                "quarkus.job-queue.lease", "0s",
                "quarkus.job-queue.retry.initial-backoff", "10s",
                "quarkus.job-queue.retry.max-backoff", "1s",
                "quarkus.job-queue.retry.max-attempts", "-2",
                "quarkus.job-queue.queues.images.concurrency", "-1"));

        assertThatThrownBy(() -> JobQueueSettings.from(config, List.of("default")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.concurrency is 0: it must be at least 1")
                .hasMessageContaining("quarkus.job-queue.lease is PT0S: it must be longer than zero")
                .hasMessageContaining("quarkus.job-queue.retry.max-backoff (PT1S) is shorter than")
                .hasMessageContaining("quarkus.job-queue.retry.max-attempts is -2")
                .hasMessageContaining("quarkus.job-queue.queues.\"images\".concurrency is -1");
    }

    @Test
    void configuredLimitsOverrideEachAttributeOfTheHandlers() {
        EngineSettings settings = JobQueueSettings.from(config(Map.of(
                "quarkus.job-queue.types.\"mail\".max-concurrency", "2",
                "quarkus.job-queue.types.\"report\".rate-limit", "5",
                "quarkus.job-queue.types.\"report\".rate-period", "10s")), List.of("default"),
                Map.of("mail", new TypeLimit(8, 100, Duration.ofMinutes(1)), "image", new TypeLimit(3, 0, null)));

        assertThat(settings.limits()).containsOnly(
                Map.entry("mail", new TypeLimit(2, 100, Duration.ofMinutes(1))),
                Map.entry("image", new TypeLimit(3, 0, null)),
                Map.entry("report", new TypeLimit(0, 5, Duration.ofSeconds(10))));
    }

    private static JobQueueConfig config(Map<String, String> properties) {
        // Quarkus' own duration and memory-size syntax, as in an application.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(JobQueueConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(JobQueueConfig.class);
    }

    @Test
    void healthAndStatisticsDurationsMustBePositive() {
        JobQueueConfig config = config(Map.of(
                "quarkus.job-queue.stats-max-age", "0s",
                "quarkus.job-queue.health.store-timeout", "-1s",
                "quarkus.job-queue.health.claim-timeout", "0s"));

        assertThatThrownBy(() -> JobQueueSettings.from(config, List.of("default")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.stats-max-age is PT0S: it must be longer than zero")
                .hasMessageContaining("quarkus.job-queue.health.store-timeout is PT-1S: it must be longer than zero")
                .hasMessageContaining("quarkus.job-queue.health.claim-timeout is PT0S: it must be longer than zero");
    }
}
