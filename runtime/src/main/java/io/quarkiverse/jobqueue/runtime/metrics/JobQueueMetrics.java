package io.quarkiverse.jobqueue.runtime.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.JobObserver;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@code job_queue_*} Micrometer metrics: counters and timers of what happens in this instance, told by the
 * engine as a {@link JobObserver}, and gauges of what the store holds, read through {@link QueueStatistics}.
 * Registered only when Micrometer is present and {@code quarkus.job-queue.metrics.enabled} is true.
 */
@Singleton
public class JobQueueMetrics implements JobObserver {

    static final String ENQUEUED = "job_queue.enqueued";
    static final String SUCCEEDED = "job_queue.succeeded";
    static final String FAILED = "job_queue.failed";
    static final String RETRIED = "job_queue.retried";
    static final String DEAD = "job_queue.dead";
    static final String CANCELLED = "job_queue.cancelled";
    static final String HANDLER_DURATION = "job_queue.handler.duration";
    static final String PICKUP_LATENCY = "job_queue.pickup.latency";
    static final String JOBS = "job_queue.jobs";
    static final String OLDEST_PENDING_AGE = "job_queue.oldest.pending.age";
    static final String DEAD_JOBS = "job_queue.dead.jobs";

    /** The meters of one job type in one queue, created together the first time the pair is seen. */
    private record TypeMeters(Counter enqueued, Counter succeeded, Counter failed, Counter retried, Counter dead,
            Counter cancelled, Timer pickupLatency, Map<String, Timer> handlerDuration) {
    }

    private record TypeInQueue(String type, String queue) {
    }

    private static final List<String> OUTCOMES = List.of("succeeded", "failed", "cancelled", "released");

    private final MeterRegistry registry;
    private final QueueStatistics statistics;
    private final Map<TypeInQueue, TypeMeters> meters = new ConcurrentHashMap<>();

    JobQueueMetrics(MeterRegistry registry, QueueStatistics statistics) {
        this.registry = registry;
        this.statistics = statistics;
    }

    /** Registers the gauges of every queue this application serves, and takes the first reading for them. */
    void registerGauges(@Observes StartupEvent event) {
        for (String queue : statistics.queueNames()) {
            for (JobState state : JobState.values()) {
                gauge(JOBS, "Jobs in the store per queue and state", queue, null, Tags.of("state", state.name()),
                        counts -> counts.count(state));
            }
            gauge(OLDEST_PENDING_AGE, "How long the oldest due job of the queue has waited to run (0 when none)",
                    queue, "seconds", Tags.empty(), counts -> counts.oldestPendingAge().toNanos() / 1e9);
            gauge(DEAD_JOBS, "DEAD jobs in the store per queue", queue, null, Tags.empty(),
                    counts -> counts.count(JobState.DEAD));
        }
        statistics.latest();
    }

    /** A gauge of the last reading of {@code queue}; NaN until the store was read once (or when it lost the queue). */
    private void gauge(String name, String description, String queue, String unit, Tags tags,
            ToDoubleFunction<QueueStatistics.QueueCounts> value) {
        Gauge.builder(name, statistics, stats -> stats.latest().map(snapshot -> snapshot.queues().get(queue))
                .map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tags(tags).tag("queue", queue).strongReference(true)
                .register(registry);
    }

    @Override
    public void enqueued(List<NewJob> jobs) {
        for (NewJob job : jobs) {
            meters(job.type(), job.queue()).enqueued().increment();
        }
    }

    @Override
    public void started(ClaimedJob job) {
        Duration latency = Duration.between(job.runAt(), job.startedAt());
        meters(job.type(), job.queue()).pickupLatency().record(latency.isNegative() ? Duration.ZERO : latency);
    }

    @Override
    public void finished(ClaimedJob job, Outcome outcome, Duration ran) {
        meters(job.type(), job.queue()).handlerDuration().get(outcomeName(outcome)).record(ran);
    }

    @Override
    public void recorded(ClaimedJob job, Outcome outcome) {
        TypeMeters typeMeters = meters(job.type(), job.queue());
        if (outcome instanceof Outcome.Succeeded) {
            typeMeters.succeeded().increment();
        } else if (outcome instanceof Outcome.Failed failed) {
            typeMeters.failed().increment();
            (failed.next() == JobState.DEAD ? typeMeters.dead() : typeMeters.retried()).increment();
        } else if (outcome instanceof Outcome.Cancelled) {
            typeMeters.cancelled().increment();
        }
        // Released: not an attempt, the job runs again without counting it.
    }

    @Override
    public void cancelled(JobInfo job) {
        meters(job.type(), job.queue()).cancelled().increment();
    }

    private static String outcomeName(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded) {
            return "succeeded";
        } else if (outcome instanceof Outcome.Failed) {
            return "failed";
        } else if (outcome instanceof Outcome.Cancelled) {
            return "cancelled";
        }
        return "released";
    }

    private TypeMeters meters(String type, String queue) {
        return meters.computeIfAbsent(new TypeInQueue(type, queue), key -> {
            Tags tags = Tags.of("type", type, "queue", queue);
            Map<String, Timer> durations = new ConcurrentHashMap<>();
            for (String outcome : OUTCOMES) {
                durations.put(outcome, Timer.builder(HANDLER_DURATION)
                        .description("How long handlers ran, per attempt outcome").tags(tags).tag("outcome", outcome)
                        .register(registry));
            }
            return new TypeMeters(counter(ENQUEUED, "Jobs enqueued by this instance", tags),
                    counter(SUCCEEDED, "Jobs that succeeded in this instance", tags),
                    counter(FAILED, "Failed attempts recorded by this instance (retried or dead)", tags),
                    counter(RETRIED, "Failed attempts that will be retried", tags),
                    counter(DEAD, "Jobs that ended DEAD in this instance", tags),
                    counter(CANCELLED, "Jobs cancelled by this instance, or that ended CANCELLED running in it", tags),
                    Timer.builder(PICKUP_LATENCY).description("From a job's run time to its claim").tags(tags)
                            .register(registry),
                    durations);
        });
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
