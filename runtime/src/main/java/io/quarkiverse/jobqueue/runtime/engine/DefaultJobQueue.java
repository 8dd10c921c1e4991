package io.quarkiverse.jobqueue.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.runtime.StartupEvent;

/** The injectable {@link JobQueue}: validates input, serializes payloads and writes through the store. */
@Singleton
public class DefaultJobQueue implements JobQueue {

    private final JobStore store;
    private final HandlerRegistry handlers;
    private final JobQueueRuntime runtime;
    private final ObjectMapper mapper;
    private final long maxPayloadBytes;
    private final JobObservers observers;
    private final JobTracer tracer;

    DefaultJobQueue(JobStore store, HandlerRegistry handlers, JobQueueRuntime runtime, ObjectMapper mapper,
            JobQueueConfig config, JobObservers observers) {
        this.store = store;
        this.observers = observers;
        this.tracer = runtime.tracer();
        this.handlers = handlers;
        this.runtime = runtime;
        this.mapper = mapper;
        this.maxPayloadBytes = config.maxPayloadSize().asLongValue();
    }

    /** Builds the serializers of handler payload types at start, so that the first enqueue does not. */
    void prepareSerializers(@Observes StartupEvent event) {
        for (HandlerDefinition handler : handlers.all()) {
            if (handler.payloadType() != null) {
                mapper.writerFor(handler.payloadType());
            }
        }
    }

    @Override
    public JobId enqueue(String type, Object payload, JobOptions options) {
        return enqueueAll(type, Collections.singletonList(payload), options).get(0);
    }

    @Override
    public List<JobId> enqueueAll(String type, List<?> payloads, JobOptions options) {
        requireType(type);
        Objects.requireNonNull(payloads, "payloads must not be null: pass a list of payloads");
        Objects.requireNonNull(options, "options must not be null: use JobOptions.defaults()");
        if (payloads.isEmpty()) {
            return List.of();
        }
        if (options.uniqueKey() != null && payloads.size() > 1) {
            // One key names one job: the other payloads would be dropped as duplicates of the first.
            throw new IllegalArgumentException("enqueueAll got " + payloads.size() + " payloads of type '" + type
                    + "' with the one unique key '" + options.uniqueKey() + "', which names a single job, so all but "
                    + "one would be dropped: enqueue each payload with enqueue() and a key of its own");
        }
        HandlerDefinition handler = handlers.find(type);
        String queue = queueFor(type, handler, options);
        int maxAttempts = options.maxAttempts() != null ? options.maxAttempts()
                : handler != null && handler.maxAttempts() != JobHandler.DEFAULT_MAX_ATTEMPTS ? handler.maxAttempts()
                        : runtime.settings().defaultMaxAttempts();
        Duration timeout = timeoutFor(handler, options);
        // To the store's precision, so that a job taken as it is written has the times the store keeps.
        Instant now = Instant.now().truncatedTo(store.instantPrecision());
        Instant runAt = options.runAtFrom(now).truncatedTo(store.instantPrecision());
        // A type handled elsewhere is enqueued as version 1: this application does not know its handler's version.
        int payloadVersion = handler != null ? handler.version() : 1;
        List<String> serialized = new ArrayList<>(payloads.size());
        List<JobId> ids = new ArrayList<>(payloads.size());
        for (Object payload : payloads) {
            serialized.add(serialize(type, payload));
            ids.add(JobId.newId());
        }
        JobTracer.EnqueueSpan span = tracer.enqueue(type, queue, ids);
        try {
            String headers = JobHeaders.write(span.headers());
            List<NewJob> jobs = new ArrayList<>(payloads.size());
            for (int i = 0; i < ids.size(); i++) {
                jobs.add(new NewJob(ids.get(i), type, queue, options.priority(), maxAttempts, runAt, now,
                        serialized.get(i), payloadVersion, options.uniqueKey(), timeout, headers));
            }
            // Jobs an idle worker of this instance takes start when written, without a claim's round trip.
            JobEngine engine = runtime.engine().orElse(null);
            List<NewJob> toWrite = engine == null ? jobs : engine.take(jobs, now);
            boolean allTaken = toWrite.stream().allMatch(job -> job.owner() != null);
            List<JobId> holders = store.insert(toWrite, () -> {
                if (engine != null) {
                    engine.runTaken(toWrite);
                }
                if (!allTaken) {
                    runtime.wakeAt(queue, runAt);
                }
            });
            List<NewJob> written = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                if (holders.get(i).equals(jobs.get(i).id())) {
                    written.add(jobs.get(i));
                }
            }
            observers.enqueued(written);
            span.end(null);
            return holders;
        } catch (Throwable e) {
            span.end(e);
            throw e;
        }
    }

    @Override
    public Optional<JobInfo> find(JobId id) {
        Objects.requireNonNull(id, "id must not be null");
        return store.find(id, Instant.now());
    }

    @Override
    public Optional<JobInfo> findByUniqueKey(String uniqueKey) {
        Objects.requireNonNull(uniqueKey, "uniqueKey must not be null");
        return store.findByUniqueKey(uniqueKey, Instant.now());
    }

    @Override
    public List<JobInfo> list(JobState state, String queue, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit + ": ask for at least 1 job");
        }
        return store.list(state, queue, limit, Instant.now());
    }

    @Override
    public Map<JobState, Long> stats(String queue) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        counts.putAll(store.stats(queue, Instant.now()));
        return counts;
    }

    @Override
    public boolean cancel(JobId id) {
        Objects.requireNonNull(id, "id must not be null");
        Cancellation cancellation = store.cancel(id, Instant.now());
        if (cancellation == Cancellation.REQUESTED) {
            // If the job runs here, it stops now rather than at the next heartbeat; its worker's outcome tells the
            // observers.
            runtime.engine().ifPresent(engine -> engine.cancellationRequested(id));
        } else if (cancellation == Cancellation.CANCELLED && observers.any()) {
            store.find(id, Instant.now()).ifPresent(observers::cancelled);
        }
        return cancellation != Cancellation.NONE;
    }

    @Override
    public boolean replay(JobId id) {
        Objects.requireNonNull(id, "id must not be null");
        Optional<JobInfo> job = store.find(id, Instant.now());
        boolean replayed = store.replay(id, Instant.now());
        if (replayed) {
            job.ifPresent(j -> runtime.wakeAt(j.queue(), Instant.now()));
        } else if (job.isPresent() && job.get().uniqueKey() != null) {
            requireKeyFree(job.get());
        }
        return replayed;
    }

    /** A replay that the store refused because another active job holds the key is an error, not a quiet no. */
    private void requireKeyFree(JobInfo job) {
        Optional<JobInfo> holder = store.findByUniqueKey(job.uniqueKey(), Instant.now())
                .filter(newest -> newest.state().isActive() && !newest.id().equals(job.id()));
        if (holder.isPresent()) {
            throw new IllegalStateException("Job " + job.id() + " cannot be replayed: its unique key '"
                    + job.uniqueKey() + "' is held by the active job " + holder.get().id() + " (" + holder.get().state()
                    + "); replay it once that job has finished, or cancel that job first");
        }
    }

    @Override
    public boolean delete(JobId id) {
        Objects.requireNonNull(id, "id must not be null");
        return store.delete(id);
    }

    private static void requireType(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("The job type must not be null or blank: pass the value of a "
                    + "@JobHandler, e.g. enqueue(\"send-email\", payload)");
        }
    }

    /**
     * A job of a type handled here must go to a queue this application serves, or it would wait forever; a type
     * handled only by another application may go anywhere.
     */
    private String queueFor(String type, HandlerDefinition handler, JobOptions options) {
        if (options.queue() == null) {
            return handler != null ? handler.queue() : JobOptions.DEFAULT_QUEUE;
        }
        Set<String> served = new TreeSet<>(runtime.settings().concurrency().keySet());
        if (handler != null && !served.contains(options.queue())) {
            throw new IllegalArgumentException("Queue '" + options.queue() + "' has no configuration, so jobs of type '"
                    + type + "' sent there would never run: configure it with quarkus.job-queue.queues.\""
                    + options.queue() + "\".concurrency=<workers>, or use one of " + served);
        }
        return options.queue();
    }

    /**
     * The options', else the handler's, else the configured timeout, or {@code null} for none; stored in whole
     * milliseconds, and never rounded down to none.
     */
    private Duration timeoutFor(HandlerDefinition handler, JobOptions options) {
        Duration timeout = options.timeout() != null ? options.timeout()
                : handler != null && handler.timeout() != null ? handler.timeout()
                        : runtime.settings().defaultTimeout();
        return timeout == null ? null : Duration.ofMillis(Math.max(1, timeout.toMillis()));
    }

    private String serialize(String type, Object payload) {
        if (payload == null) {
            return "null";
        }
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload of job type '" + type + "' (" + payload.getClass().getName()
                    + ") cannot be serialized to JSON: " + e.getOriginalMessage() + ". Use a Jackson-mappable type: "
                    + "a record, a class with getters, a Map, a String or a JsonNode", e);
        }
        // A char is at most 3 bytes of UTF-8, so most payloads need no exact count.
        if ((long) json.length() * 3 > maxPayloadBytes) {
            long bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxPayloadBytes) {
                throw new IllegalArgumentException("The payload of job type '" + type + "' is " + bytes
                        + " bytes of JSON, over quarkus.job-queue.max-payload-size (" + maxPayloadBytes
                        + " bytes): store large data elsewhere and enqueue a reference to it, or raise the limit");
            }
        }
        return json;
    }
}
