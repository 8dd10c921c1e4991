package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.Map;

import io.quarkiverse.jobqueue.runtime.retry.BackoffPolicy;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/**
 * What an engine needs to know, validated.
 *
 * @param concurrency workers per queue this engine serves
 * @param retainSucceeded how long succeeded jobs are kept; zero deletes them at once
 * @param defaultTimeout the timeout of an attempt whose handler and options name none, or {@code null} for none
 * @param limits the cluster-wide limits of the job types that have any
 */
public record EngineSettings(Map<String, Integer> concurrency, Duration pollInterval, Duration lease,
        Duration maintenanceInterval, Duration shutdownTimeout, BackoffPolicy backoff, int defaultMaxAttempts,
        Duration retainSucceeded, Duration defaultTimeout, Map<String, TypeLimit> limits) {

    public EngineSettings {
        concurrency = Map.copyOf(concurrency);
        limits = Map.copyOf(limits);
    }

    /** Settings without limits on any job type. */
    public EngineSettings(Map<String, Integer> concurrency, Duration pollInterval, Duration lease,
            Duration maintenanceInterval, Duration shutdownTimeout, BackoffPolicy backoff, int defaultMaxAttempts,
            Duration retainSucceeded, Duration defaultTimeout) {
        this(concurrency, pollInterval, lease, maintenanceInterval, shutdownTimeout, backoff, defaultMaxAttempts,
                retainSucceeded, defaultTimeout, Map.of());
    }

    /** How often the leases of running jobs are renewed: a third of the lease, so two renewals may fail. */
    public Duration heartbeatInterval() {
        return lease.dividedBy(3);
    }
}
