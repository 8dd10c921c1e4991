package io.quarkiverse.jobqueue.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Run-time configuration of the job queue. */
@ConfigMapping(prefix = "quarkus.job-queue")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface JobQueueConfig {

    /** Workers per queue, unless {@code quarkus.job-queue.queues."<name>".concurrency} says otherwise. */
    @WithDefault("10")
    int concurrency();

    /** Per-queue settings. */
    @ConfigDocMapKey("queue-name")
    Map<String, QueueConfig> queues();

    /** Per-job-type limits, across every instance; each key overrides the same attribute of the type's handler. */
    @ConfigDocMapKey("job-type")
    Map<String, TypeConfig> types();

    /** How often an idle worker looks for jobs when no wake-up signal arrives. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a claimed job stays owned by its worker without a heartbeat. Running jobs are renewed every third of
     * this; a job whose lease expired (its worker died) is run again.
     */
    @WithDefault("5m")
    Duration lease();

    /** How often expired leases are looked for and succeeded jobs past their retention are pruned. */
    @WithDefault("30s")
    Duration maintenanceInterval();

    /** How long shutdown waits for running jobs before it releases them to other instances. */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /**
     * How long one attempt of a job may run when neither its handler ({@code @JobHandler(timeout = ...)}) nor its
     * options name a timeout; a longer one is interrupted and counts as failed. Unset: no limit.
     */
    Optional<Duration> timeout();

    /** The largest serialized payload accepted by {@code enqueue}. */
    @WithDefault("1M")
    MemorySize maxPayloadSize();

    /** Retries. */
    RetryConfig retry();

    /** Retention of finished jobs. */
    RetentionConfig retention();

    /** Workers of this application. */
    WorkerConfig worker();

    /** The JDBC store. */
    JdbcConfig jdbc();

    /** The Redis store. */
    RedisConfig redis();

    /**
     * How old the queue statistics that health checks and metrics report (jobs per state, oldest due job) may be. The
     * store is read for them when they are asked for and their last reading is older than this, at most once per
     * interval however many gauges or probes ask.
     */
    @WithDefault("5s")
    Duration statsMaxAge();

    /** Health checks. */
    HealthConfig health();

    /** Overrides of {@code @Recurring} jobs, by job type. */
    @ConfigDocMapKey("job-type")
    Map<String, RecurringConfig> recurring();

    interface RecurringConfig {
        /** A cron expression that replaces the annotation's schedule (its {@code cron} or {@code every}). */
        Optional<String> cron();

        /** A period that replaces the annotation's schedule (its {@code cron} or {@code every}). */
        Optional<String> every();

        /** {@code false} stops scheduling this job type here; jobs already enqueued still run. */
        @WithDefault("true")
        boolean enabled();

        /**
         * What happens to a tick that passed while no instance ran: {@code skip} cancels its job at start-up,
         * {@code run-once} runs it once (however many ticks were missed).
         */
        @WithDefault("skip")
        MissedTicks missed();
    }

    enum MissedTicks {
        SKIP,
        RUN_ONCE
    }

    interface RedisConfig {
        /**
         * The prefix of every key the Redis store writes, so that several applications or environments can share one
         * Redis. The store writes it in braces ({@code {<prefix>}:job:<id>} and its indexes): a Redis Cluster hash tag
         * that keeps all the keys of one store in one slot, as its atomic scripts need.
         */
        @WithDefault("job-queue")
        String keyPrefix();
    }

    interface QueueConfig {
        /** Workers for this queue. */
        Optional<Integer> concurrency();
    }

    interface TypeConfig {
        /** The most jobs of this type running at once across every instance. */
        Optional<Integer> maxConcurrency();

        /** The most jobs of this type started per {@code rate-period} across every instance. */
        Optional<Integer> rateLimit();

        /** The fixed window of {@code rate-limit}, e.g. {@code 1m}; required with it. */
        Optional<Duration> ratePeriod();
    }

    interface RetryConfig {
        /** The upper bound of the first retry's delay; each retry doubles it (full jitter). */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The largest upper bound of a retry's delay. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts of a job whose handler and options name none. */
        @WithDefault("5")
        int maxAttempts();
    }

    interface RetentionConfig {
        /** How long succeeded jobs are kept; {@code 0} deletes them as they succeed. DEAD jobs are never deleted. */
        @WithDefault("1h")
        Duration succeeded();
    }

    interface JdbcConfig {
        /**
         * Whether the engine's claims and outcomes commit without waiting for the write-ahead log to reach disk
         * (PostgreSQL {@code synchronous_commit=off} for those transactions only). A database crash may then lose
         * the last fraction of a second of them, which only makes those jobs run again (delivery is at-least-once);
         * enqueues always wait for the disk, so no job is ever lost. {@code false} makes every commit wait.
         */
        @WithDefault("true")
        boolean asyncCommit();
    }

    interface HealthConfig {
        /** How long the readiness check waits for the store to answer before it reports DOWN. */
        @WithDefault("2s")
        Duration storeTimeout();

        /**
         * How long one claim of a queue's dispatcher may take before the liveness check reports the dispatcher stuck.
         * The check reports DOWN when a dispatcher's loop has not gone round for {@code poll-interval} plus 5 s (the
         * longest wait between two claims while the store fails) plus this, or when its thread died.
         */
        @WithDefault("1m")
        Duration claimTimeout();
    }

    interface WorkerConfig {
        /** {@code false} makes a producer-only application: it enqueues and inspects jobs but runs none. */
        @WithDefault("true")
        @WithName("enabled")
        boolean enabled();
    }
}
