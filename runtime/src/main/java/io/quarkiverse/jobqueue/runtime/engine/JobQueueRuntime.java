package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.config.JobQueueSettings;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts this application's engine with the application and stops it gracefully before the store closes. */
@Singleton
public class JobQueueRuntime {

    private final JobQueueConfig config;
    private final HandlerRegistry handlers;
    private final JobStore store;
    private final ObjectMapper mapper;
    private final JobObservers observers;
    private final JobTracer tracer;
    private volatile EngineSettings settings;
    private volatile JobEngine engine;

    JobQueueRuntime(JobQueueConfig config, HandlerRegistry handlers, JobStore store, ObjectMapper mapper,
            JobObservers observers, Instance<JobTracer> tracer) {
        this.config = config;
        this.tracer = tracer.isResolvable() ? tracer.get() : JobTracer.NONE;
        this.observers = observers;
        this.handlers = handlers;
        this.store = store;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        EngineSettings validated = settings();
        if (config.worker().enabled()) {
            JobEngine started = new JobEngine(store, handlers, validated, mapper, instanceName(), observers,
                    tracer);
            started.start();
            engine = started;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        JobEngine running = engine;
        engine = null;
        if (running != null) {
            running.stop();
        }
    }

    /** The validated settings; invalid configuration fails here with every bad key. */
    public EngineSettings settings() {
        EngineSettings current = settings;
        if (current == null) {
            current = JobQueueSettings.from(config, handlers.queues(), handlers.limits());
            settings = current;
        }
        return current;
    }

    /** Traces enqueues and attempts: the OpenTelemetry tracer when the application has it, else none. */
    JobTracer tracer() {
        return tracer;
    }

    /** The running engine, absent in a producer-only application and before start-up. */
    public Optional<JobEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /** Wakes this instance's workers for {@code queue} when jobs there become due at {@code due}, if it runs any. */
    public void wakeAt(String queue, Instant due) {
        JobEngine running = engine;
        if (running != null) {
            running.wakeAt(queue, due);
        }
    }

    private static String instanceName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("local");
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
