package io.quarkiverse.jobqueue.it;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.runtime.engine.EngineSettings;
import io.quarkiverse.jobqueue.runtime.engine.HandlerDefinition;
import io.quarkiverse.jobqueue.runtime.engine.HandlerInvocation;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.retry.BackoffPolicy;
import io.quarkiverse.jobqueue.runtime.store.JobStore;

/**
 * Engines beside the application's own, as another instance of the application would run them: they share its
 * table and serve a queue and job type the application itself does not handle, so its own engine never takes
 * their jobs.
 */
final class StandaloneEngines {

    private final JobStore store;
    private final ObjectMapper mapper;
    private int concurrency = 1;
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration lease = Duration.ofMinutes(5);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Duration retainSucceeded = Duration.ofHours(1);
    private Duration maintenanceInterval = Duration.ofMinutes(1);

    private StandaloneEngines(JobStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    static StandaloneEngines on(JobStore store, ObjectMapper mapper) {
        return new StandaloneEngines(store, mapper);
    }

    StandaloneEngines concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    StandaloneEngines pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return this;
    }

    StandaloneEngines lease(Duration lease) {
        this.lease = lease;
        return this;
    }

    StandaloneEngines shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    StandaloneEngines retainSucceeded(Duration retainSucceeded) {
        this.retainSucceeded = retainSucceeded;
        return this;
    }

    StandaloneEngines maintenanceInterval(Duration maintenanceInterval) {
        this.maintenanceInterval = maintenanceInterval;
        return this;
    }

    /** An engine named {@code owner} that runs jobs of {@code type} from {@code queue} with {@code invocation}. */
    JobEngine engine(String owner, String queue, String type, HandlerInvocation invocation) {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register(new HandlerDefinition(type, queue, 0, 1, null, invocation, "test#" + type, null));
        EngineSettings settings = new EngineSettings(Map.of(queue, concurrency), pollInterval, lease,
                maintenanceInterval, shutdownTimeout, new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)),
                5, retainSucceeded, null);
        return new JobEngine(store, handlers, settings, mapper, owner);
    }
}
