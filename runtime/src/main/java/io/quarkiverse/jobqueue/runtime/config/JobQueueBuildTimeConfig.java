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
     * The store that keeps jobs: {@code jdbc}. When unset, the store is chosen from the application's dependencies
     * (Hibernate ORM with Panache: {@code jdbc}).
     */
    Optional<String> store();

    /** The JDBC store. */
    JdbcConfig jdbc();

    interface JdbcConfig {
        /** The persistence unit that maps the job table. */
        @WithDefault("<default>")
        String persistenceUnit();
    }
}
