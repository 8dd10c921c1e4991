package io.quarkiverse.jobqueue.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.jobqueue.runtime.engine.EngineSettings;
import io.quarkiverse.jobqueue.runtime.retry.BackoffPolicy;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
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
        return from(config, handlerQueues, Map.of());
    }

    /**
     * @param handlerLimits the limits the handlers' annotations set, by type; configured ones override them
     * @throws ConfigurationException naming each invalid key
     */
    public static EngineSettings from(JobQueueConfig config, Collection<String> handlerQueues,
            Map<String, TypeLimit> handlerLimits) {
        List<String> problems = new ArrayList<>();
        positive(problems, "quarkus.job-queue.concurrency", config.concurrency());
        positive(problems, "quarkus.job-queue.poll-interval", config.pollInterval());
        positive(problems, "quarkus.job-queue.lease", config.lease());
        positive(problems, "quarkus.job-queue.maintenance-interval", config.maintenanceInterval());
        positive(problems, "quarkus.job-queue.stats-max-age", config.statsMaxAge());
        positive(problems, "quarkus.job-queue.health.store-timeout", config.health().storeTimeout());
        positive(problems, "quarkus.job-queue.health.claim-timeout", config.health().claimTimeout());
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

        Map<String, TypeLimit> limits = limits(config, handlerLimits, problems);

        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid job queue configuration:\n - " + String.join("\n - ", problems));
        }
        return new EngineSettings(concurrency, config.pollInterval(), config.lease(), config.maintenanceInterval(),
                config.shutdownTimeout(), new BackoffPolicy(config.retry().initialBackoff(), config.retry().maxBackoff()),
                config.retry().maxAttempts(), config.retention().succeeded(), config.timeout().orElse(null),
                limits);
    }

    /** The limits of each type: the configured attributes, else those of the handler's annotation. */
    private static Map<String, TypeLimit> limits(JobQueueConfig config, Map<String, TypeLimit> handlerLimits,
            List<String> problems) {
        Map<String, TypeLimit> limits = new LinkedHashMap<>(handlerLimits);
        config.types().forEach((type, typeConfig) -> {
            String prefix = "quarkus.job-queue.types.\"" + type + "\".";
            TypeLimit annotated = handlerLimits.getOrDefault(type, TypeLimit.NONE);
            typeConfig.maxConcurrency().ifPresent(value -> positive(problems, prefix + "max-concurrency", value));
            typeConfig.rateLimit().ifPresent(value -> positive(problems, prefix + "rate-limit", value));
            typeConfig.ratePeriod().ifPresent(value -> positive(problems, prefix + "rate-period", value));
            TypeLimit limit = new TypeLimit(typeConfig.maxConcurrency().orElse(annotated.maxConcurrency()),
                    typeConfig.rateLimit().orElse(annotated.rateLimit()),
                    typeConfig.ratePeriod().orElse(annotated.ratePeriod()));
            if (limit.limitsRate() && limit.ratePeriod() == null) {
                problems.add(prefix + "rate-limit is " + limit.rateLimit() + " but no rate period is set: set "
                        + prefix + "rate-period, e.g. 1m");
            } else if (!limit.limitsRate() && limit.ratePeriod() != null) {
                problems.add(prefix + "rate-period is " + limit.ratePeriod() + " but no rate limit is set: set "
                        + prefix + "rate-limit, or remove the period");
            }
            limits.put(type, limit);
        });
        return limits;
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
