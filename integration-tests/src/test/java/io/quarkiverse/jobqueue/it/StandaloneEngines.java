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
 * table and serve a queue and job type the application itself does not handle.
 */
final class StandaloneEngines {

    private StandaloneEngines() {
    }

    static JobEngine engine(JobStore store, ObjectMapper mapper, String owner, String queue, int concurrency,
            String type, Duration shutdownTimeout, HandlerInvocation invocation) {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register(new HandlerDefinition(type, queue, 0, null, invocation, "test#" + type));
        EngineSettings settings = new EngineSettings(Map.of(queue, concurrency), Duration.ofMillis(100),
                Duration.ofMinutes(5), Duration.ofMinutes(1), shutdownTimeout,
                new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)), 5, Duration.ofHours(1));
        return new JobEngine(store, handlers, settings, mapper, owner);
    }
}
