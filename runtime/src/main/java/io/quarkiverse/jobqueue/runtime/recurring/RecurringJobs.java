package io.quarkiverse.jobqueue.runtime.recurring;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.cronutils.model.CronType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig.MissedTicks;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig.RecurringConfig;
import io.quarkiverse.jobqueue.runtime.engine.HandlerDefinition;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * Schedules the {@code @Recurring} job types with the Quarkus Scheduler at start-up, after applying
 * {@code quarkus.job-queue.recurring."<type>".*}; invalid configuration fails start-up with every problem at once.
 */
@Singleton
public class RecurringJobs {

    private static final Logger LOG = Logger.getLogger(RecurringJobs.class);
    /** A due tick's job still waiting this long after its tick was missed: no instance was there to run it. */
    static final Duration MISSED_AFTER = Duration.ofMinutes(1);

    private final JobQueueConfig config;
    private final HandlerRegistry handlers;
    private final JobQueue jobs;
    private final ObjectMapper mapper;
    private final Scheduler scheduler;
    private List<RecurringMetadata> recurring = List.of();
    private CronType cronType = CronType.QUARTZ;
    private volatile List<RecurringTicker> tickers = List.of();

    RecurringJobs(JobQueueConfig config, HandlerRegistry handlers, JobQueue jobs, ObjectMapper mapper,
            Scheduler scheduler) {
        this.config = config;
        this.handlers = handlers;
        this.jobs = jobs;
        this.mapper = mapper;
        this.scheduler = scheduler;
    }

    void register(List<RecurringMetadata> recurring, CronType cronType) {
        this.recurring = List.copyOf(recurring);
        this.cronType = cronType;
    }

    /**
     * Before the engine starts (at the default priority), so that a missed tick's job is skipped before this
     * instance's workers could claim it; the jobs enqueued here are for later ticks, which the workers find by polling.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        List<RecurringTicker> started = new ArrayList<>();
        for (RecurringTicker ticker : configuredTickers()) {
            RecurringConfig overrides = config.recurring().get(ticker.type());
            if (overrides == null || overrides.missed() == MissedTicks.SKIP) {
                tick(ticker, "skip its missed tick", () -> skipMissedTick(ticker, Instant.now()));
            }
            tick(ticker, "enqueue its next tick", () -> ticker.enqueueNextTick(Instant.now()));
            var job = scheduler.newJob("job-queue-recurring-" + ticker.type()).setTask(
                    execution -> tick(ticker, "enqueue its next tick", () -> ticker.enqueueNextTick(Instant.now())));
            String interval = ticker.schedule().triggerInterval();
            if (interval != null) {
                job.setInterval(interval);
            } else {
                RecurringSchedule.Cron cron = (RecurringSchedule.Cron) ticker.schedule();
                job.setCron(cron.expression()).setTimeZone(cron.zone().getId());
            }
            job.schedule();
            started.add(ticker);
        }
        tickers = List.copyOf(started);
    }

    /** The recurring job types scheduled here. */
    public List<RecurringTicker> scheduled() {
        return tickers;
    }

    /**
     * Runs a step of a recurring type with the type in the MDC. A failure (the store may be down) is logged and
     * does not stop the others: the next trigger enqueues the next tick again.
     */
    private static void tick(RecurringTicker ticker, String step, Runnable action) {
        MDC.put("job.type", ticker.type());
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recurring job type '%s' could not %s; its next trigger tries again", ticker.type(), step);
        } finally {
            MDC.remove("job.type");
        }
    }

    /**
     * Cancels the job of the last tick when it is still waiting well after its tick: it was enqueued ahead, then
     * every instance was down when it came due.
     */
    private void skipMissedTick(RecurringTicker ticker, Instant now) {
        Instant last = ticker.schedule().last(now);
        if (last == null || !last.isBefore(now.minus(MISSED_AFTER))) {
            return;
        }
        Optional<JobInfo> job = jobs.findByUniqueKey(RecurringTicker.uniqueKey(ticker.type(), last));
        if (job.isPresent() && job.get().state() == JobState.PENDING && job.get().attempt() == 0
                && jobs.cancel(job.get().id())) {
            LOG.infof("Skipped the tick %s of recurring job type '%s', missed while no instance ran (job %s "
                    + "cancelled); quarkus.job-queue.recurring.\"%s\".missed=run-once runs missed ticks once", last,
                    ticker.type(), job.get().id(), ticker.type());
        }
    }

    /** The enabled recurring types with their configuration applied; every problem at once, or none. */
    private List<RecurringTicker> configuredTickers() {
        List<String> problems = new ArrayList<>();
        TreeSet<String> annotated = new TreeSet<>();
        recurring.forEach(r -> annotated.add(r.getType()));
        for (String configured : config.recurring().keySet()) {
            if (!annotated.contains(configured)) {
                problems.add("quarkus.job-queue.recurring.\"" + configured + "\" configures a job type that has no "
                        + "@Recurring @JobHandler here: fix the type name, or annotate its handler with @Recurring; "
                        + "recurring types: " + annotated);
            }
        }
        List<RecurringTicker> result = new ArrayList<>();
        for (RecurringMetadata definition : recurring) {
            RecurringConfig overrides = config.recurring().get(definition.getType());
            if (overrides != null && !overrides.enabled()) {
                continue;
            }
            try {
                result.add(new RecurringTicker(jobs, definition.getType(), schedule(definition, overrides),
                        payload(definition)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid recurring jobs:\n - " + String.join("\n - ", problems));
        }
        return result;
    }

    private RecurringSchedule schedule(RecurringMetadata definition, RecurringConfig overrides) {
        if (overrides == null || (overrides.cron().isEmpty() && overrides.every().isEmpty())) {
            return RecurringSchedule.parse("@Recurring on " + definition.getTarget(), definition.getCron(),
                    definition.getEvery(), definition.getZone(), cronType);
        }
        String key = "quarkus.job-queue.recurring.\"" + definition.getType() + "\"";
        return RecurringSchedule.parse(key, overrides.cron().orElse(null), overrides.every().orElse(null),
                definition.getZone(), cronType);
    }

    /** The fixed payload, checked against the handler's payload type now rather than at the first tick. */
    private JsonNode payload(RecurringMetadata definition) {
        if (definition.getPayload() == null) {
            return null;
        }
        HandlerDefinition handler = handlers.find(definition.getType());
        try {
            JsonNode payload = mapper.readTree(definition.getPayload());
            if (handler != null && handler.payloadType() != null) {
                mapper.readerFor(handler.payloadType()).readValue(payload);
            }
            return payload;
        } catch (IOException e) {
            throw new IllegalArgumentException("@Recurring(payload = " + definition.getPayload() + ") on "
                    + definition.getTarget() + " does not map to the handler's payload type: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage())
                    + ". Give JSON of that type", e);
        }
    }
}
