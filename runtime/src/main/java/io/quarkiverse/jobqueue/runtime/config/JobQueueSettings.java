package io.quarkiverse.jobqueue.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.jobqueue.runtime.engine.EngineSettings;
import io.quarkiverse.jobqueue.runtime.retry.BackoffPolicy;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Turns configuration into engine settings, failing start-up with every invalid key and why. */
public final class JobQueueSettings {

    private JobQueueSettings() {
    }

    /**
     * @param handlerQueues the queues named by handlers; configured queues are served too
     * @throws ConfigurationException naming each invalid key
     */
    public static EngineSettings from(JobQueueConfig config, Collection<String> handlerQueues) {
        List<String> problems = new ArrayList<>();
        positive(problems, "quarkus.job-queue.concurrency", config.concurrency());
        positive(problems, "quarkus.job-queue.poll-interval", config.pollInterval());
        positive(problems, "quarkus.job-queue.lease", config.lease());
        positive(problems, "quarkus.job-queue.maintenance-interval", config.maintenanceInterval());
        notNegative(problems, "quarkus.job-queue.shutdown-timeout", config.shutdownTimeout());
        positive(problems, "quarkus.job-queue.retry.initial-backoff", config.retry().initialBackoff());
        positive(problems, "quarkus.job-queue.retry.max-backoff", config.retry().maxBackoff());
        if (config.retry().maxBackoff().compareTo(config.retry().initialBackoff()) < 0) {
            problems.add("quarkus.job-queue.retry.max-backoff (" + config.retry().maxBackoff()
                    + ") is shorter than quarkus.job-queue.retry.initial-backoff (" + config.retry().initialBackoff()
                    + "): make it at least as long");
        }
        positive(problems, "quarkus.job-queue.retry.max-attempts", config.retry().maxAttempts());
        notNegative(problems, "quarkus.job-queue.retention.succeeded", config.retention().succeeded());
        config.timeout().ifPresent(timeout -> positive(problems, "quarkus.job-queue.timeout", timeout));
        if (config.maxPayloadSize().asLongValue() < 1) {
            problems.add("quarkus.job-queue.max-payload-size must be at least 1 byte, e.g. 1M");
        }

        Map<String, Integer> concurrency = new LinkedHashMap<>();
        handlerQueues.forEach(queue -> concurrency.put(queue, config.concurrency()));
        config.queues().forEach((queue, queueConfig) -> {
            int workers = queueConfig.concurrency().orElse(config.concurrency());
            positive(problems, "quarkus.job-queue.queues.\"" + queue + "\".concurrency", workers);
            concurrency.put(queue, workers);
        });

        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid job queue configuration:\n - " + String.join("\n - ", problems));
        }
        return new EngineSettings(concurrency, config.pollInterval(), config.lease(), config.maintenanceInterval(),
                config.shutdownTimeout(), new BackoffPolicy(config.retry().initialBackoff(), config.retry().maxBackoff()),
                config.retry().maxAttempts(), config.retention().succeeded(), config.timeout().orElse(null));
    }

    private static void positive(List<String> problems, String key, int value) {
        if (value < 1) {
            problems.add(key + " is " + value + ": it must be at least 1");
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(key + " is " + value + ": it must be longer than zero, e.g. 1s");
        }
    }

    private static void notNegative(List<String> problems, String key, Duration value) {
        if (value.isNegative()) {
            problems.add(key + " is " + value + ": it must not be negative");
        }
    }
}
