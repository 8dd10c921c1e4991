package io.quarkiverse.jobqueue.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration fixed when the application is built. */
@ConfigMapping(prefix = "quarkus.job-queue")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface JobQueueBuildTimeConfig {

    /**
     * The store that keeps jobs: {@code jdbc}, {@code redis} or {@code memory}. When unset, the store is chosen from
     * the application's dependencies (Hibernate ORM with Panache: {@code jdbc}; the Quarkus Redis client:
     * {@code redis}; both: the build fails until this is set).
     * <p>
     * {@code memory} keeps jobs in the memory of the application, for tests and prototypes: it is not durable (every
     * job is lost when the application stops), it does not join the caller's transactions (a job enqueued in a
     * transaction that rolls back stays enqueued), and it needs neither Hibernate nor a datasource. It is never chosen
     * unless configured.
     */
    Optional<String> store();

    /** The JDBC store. */
    JdbcConfig jdbc();

    /** The Redis store. */
    RedisConfig redis();

    /** Health checks, with {@code quarkus-smallrye-health}. */
    HealthConfig health();

    /** Metrics, with {@code quarkus-micrometer}. */
    MetricsConfig metrics();

    interface HealthConfig {
        /** Whether the {@code job-queue} readiness and liveness checks are registered, when SmallRye Health is present. */
        @WithDefault("true")
        boolean enabled();
    }

    interface MetricsConfig {
        /** Whether the {@code job_queue_*} metrics are registered, when Micrometer is present. */
        @WithDefault("true")
        boolean enabled();
    }

    interface RedisConfig {
        /**
         * The Redis client the store uses, by its name in {@code quarkus.redis.<name>.*}; the default client when
         * unset.
         */
        Optional<String> clientName();
    }

    interface JdbcConfig {
        /** The persistence unit that maps the job table. */
        @WithDefault("<default>")
        String persistenceUnit();
    }
}
