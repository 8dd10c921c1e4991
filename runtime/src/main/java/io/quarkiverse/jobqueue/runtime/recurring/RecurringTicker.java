package io.quarkiverse.jobqueue.runtime.recurring;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;

/**
 * Enqueues the jobs of one recurring type. Each tick's job is enqueued one tick ahead, as {@code SCHEDULED} with the
 * tick as its run time and {@code <type>@<tick>} as its unique key, so that it stays active until its tick: the
 * instances that enqueue the same tick, each on its own trigger, all get the one job, even when it runs and
 * finishes in the moment between their triggers. A job waiting for its tick also survives every instance stopping,
 * which is what makes a missed tick run once.
 */
public final class RecurringTicker {

    private final JobQueue jobs;
    private final String type;
    private final RecurringSchedule schedule;
    private final JsonNode payload;

    public RecurringTicker(JobQueue jobs, String type, RecurringSchedule schedule, JsonNode payload) {
        this.jobs = jobs;
        this.type = type;
        this.schedule = schedule;
        this.payload = payload;
    }

    /** The unique key of the job of the tick at {@code tick}. */
    public static String uniqueKey(String type, Instant tick) {
        return type + "@" + tick;
    }

    /**
     * Makes sure the job of the first tick after {@code now} exists; returns its id, or {@code null} when no tick
     * comes.
     */
    public JobId enqueueNextTick(Instant now) {
        Instant tick = schedule.next(now);
        if (tick == null) {
            return null;
        }
        return jobs.enqueue(type, payload, JobOptions.defaults().uniqueKey(uniqueKey(type, tick)).runAt(tick));
    }

    public String type() {
        return type;
    }

    public RecurringSchedule schedule() {
        return schedule;
    }
}
