package io.quarkiverse.jobqueue.runtime.devui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The Dev UI's backend: every method is a JSON-RPC method of the extension's namespace. It uses only the public
 * {@link JobQueue} API and the handler registry. Methods that act on jobs return a {@link Outcome} whose message the
 * page shows as it is, so a mistake (a malformed id, invalid JSON) reads as a sentence, not a stack trace.
 */
public class JobQueueJsonRPCService {

    /** The most jobs one page lists. */
    static final int MAX_LIMIT = 1_000;
    static final int DEFAULT_LIMIT = 100;
    /** How often the queues page receives fresh counts. */
    static final Duration STATS_INTERVAL = Duration.ofSeconds(1);

    @Inject
    JobQueue jobs;

    @Inject
    HandlerRegistry handlers;

    @Inject
    JobQueueConfig config;

    @Inject
    ObjectMapper mapper;

    /** The counts per state of every queue this application serves, then of all queues together. */
    public List<QueueStats> getQueueStats() {
        List<QueueStats> stats = new ArrayList<>();
        for (String queue : servedQueues()) {
            stats.add(QueueStats.of(queue, jobs.stats(queue)));
        }
        stats.add(QueueStats.of(null, jobs.stats(null)));
        return stats;
    }

    /** {@link #getQueueStats()} now and then every second, for as long as the page listens. */
    public Multi<List<QueueStats>> streamQueueStats() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(STATS_INTERVAL)
                .onOverflow().drop()
                // The store may block (JDBC): count on a worker thread, never on the ticker's.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> getQueueStats());
    }

    /**
     * Jobs newest first.
     *
     * @param state a {@link JobState} name, or empty for any
     * @param queue a queue, or empty for any
     * @param type a job type, or empty for any; filters the newest {@value #MAX_LIMIT} jobs of the state and queue
     * @param limit at most this many, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when absent
     */
    public JobList listJobs(String state, String queue, String type, Integer limit) {
        JobState jobState;
        int max;
        try {
            jobState = parseState(state);
            max = limit(limit);
        } catch (IllegalArgumentException e) {
            return JobList.failed(e.getMessage());
        }
        String queueFilter = blankToNull(queue);
        String typeFilter = blankToNull(type);
        // The public API filters by state and queue; a type filter looks at the newest MAX_LIMIT of those.
        List<JobInfo> found = jobs.list(jobState, queueFilter, typeFilter == null ? max : MAX_LIMIT);
        Predicate<JobInfo> ofType = job -> typeFilter == null || typeFilter.equals(job.type());
        return JobList.of(found.stream().filter(ofType).limit(max).map(JobSummary::of).toList());
    }

    /** The dead jobs, newest first: the dead-letter page. */
    public JobList listDeadJobs(Integer limit) {
        return listJobs(JobState.DEAD.name(), null, null, limit);
    }

    /** One job with its payload, attempt history (errors and stack traces), progress and result. */
    public JobLookup getJob(String id) {
        JobId jobId;
        try {
            jobId = JobId.of(id);
        } catch (IllegalArgumentException e) {
            return JobLookup.failed(e.getMessage());
        }
        return jobs.find(jobId).map(JobLookup::found)
                .orElseGet(() -> JobLookup.failed("No job " + jobId + ": it was deleted (succeeded jobs are "
                        + "deleted after quarkus.job-queue.retention.succeeded) or never existed"));
    }

    /** Puts a DEAD or CANCELLED job back to PENDING with its attempts reset. */
    public Outcome replayJob(String id) {
        return act(id, "replay", "Replayed job %s: it is PENDING again",
                "Job %s was not replayed: only DEAD or CANCELLED jobs can be, and it is %s", jobs::replay);
    }

    /** Cancels a job that has not finished; a running one is interrupted. */
    public Outcome cancelJob(String id) {
        return act(id, "cancel", "Cancelled job %s (a running job stops once its handler returns)",
                "Job %s was not cancelled: it is %s, and only SCHEDULED, PENDING, RETRYING or RUNNING jobs can be",
                jobs::cancel);
    }

    /** Deletes a job that is not running. */
    public Outcome deleteJob(String id) {
        return act(id, "delete", "Deleted job %s",
                "Job %s was not deleted: it is %s; cancel a RUNNING job first, then delete it", jobs::delete);
    }

    /** Replays each of these jobs; the outcome counts those replayed and names those that were not. */
    public Outcome replayJobs(List<String> ids) {
        return bulk(ids, "replayed", jobs::replay);
    }

    /** Deletes each of these jobs; the outcome counts those deleted and names those that were not. */
    public Outcome deleteJobs(List<String> ids) {
        return bulk(ids, "deleted", jobs::delete);
    }

    /**
     * Enqueues a job of a type this application handles.
     *
     * @param type a type of this application's handlers
     * @param payload the payload as JSON text; empty for none ({@code null})
     * @param queue the queue, or empty for the handler's
     */
    public Outcome enqueueJob(String type, String payload, String queue) {
        String jobType = blankToNull(type);
        if (jobType == null) {
            return Outcome.failed("Choose a job type: one of " + new TreeSet<>(handlers.types()));
        }
        if (handlers.find(jobType) == null) {
            return Outcome.failed("This application has no handler for job type '" + jobType + "': choose one of "
                    + new TreeSet<>(handlers.types()));
        }
        JsonNode value = null;
        String json = blankToNull(payload);
        if (json != null) {
            try {
                value = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                return Outcome.failed("The payload is not valid JSON: " + e.getOriginalMessage() + " (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "). Write JSON "
                        + "such as {\"userId\": 1, \"address\": \"ada@example.com\"}, \"text\" or 42, or leave it "
                        + "empty for no payload");
            }
        }
        JobOptions options = JobOptions.defaults();
        String jobQueue = blankToNull(queue);
        if (jobQueue != null) {
            options = options.queue(jobQueue);
        }
        try {
            JobId id = jobs.enqueue(jobType, value, options);
            return new Outcome(true, "Enqueued job " + id + " of type " + jobType, id.toString());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    private Outcome act(String id, String verb, String done, String refused, Predicate<JobId> action) {
        JobId jobId;
        try {
            jobId = JobId.of(id);
        } catch (IllegalArgumentException e) {
            return Outcome.failed("Cannot " + verb + ": " + e.getMessage());
        }
        if (action.test(jobId)) {
            return new Outcome(true, done.formatted(jobId), jobId.toString());
        }
        Optional<JobInfo> job = jobs.find(jobId);
        return job.map(info -> Outcome.failed(refused.formatted(jobId, info.state())))
                .orElseGet(() -> Outcome.failed("No job " + jobId + ": it was deleted or never existed"));
    }

    private Outcome bulk(List<String> ids, String verb, Predicate<JobId> action) {
        if (ids == null || ids.isEmpty()) {
            return Outcome.failed("Select at least one job: none was " + verb);
        }
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                if (action.test(JobId.of(id))) {
                    done++;
                } else {
                    refused.add(id);
                }
            } catch (IllegalArgumentException e) {
                refused.add(id + " (" + e.getMessage() + ")");
            }
        }
        String message = done + " job(s) " + verb;
        if (!refused.isEmpty()) {
            message += "; not " + verb + " (no longer in a state that allows it, or gone): " + String.join(", ", refused);
        }
        return new Outcome(refused.isEmpty(), message, null);
    }

    /** The queues of this application's handlers and of its configuration. */
    private Set<String> servedQueues() {
        Set<String> queues = new TreeSet<>(handlers.queues());
        queues.addAll(config.queues().keySet());
        return queues;
    }

    private static JobState parseState(String state) {
        String name = blankToNull(state);
        if (name == null) {
            return null;
        }
        try {
            return JobState.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + state + "' is not a job state: use one of "
                    + List.of(JobState.values()) + ", or nothing for any state");
        }
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("A limit of " + limit + " jobs is out of range: use 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * What an action did.
     *
     * @param success whether it did all that was asked
     * @param message what happened, or why not and what to do
     * @param id the job acted on, or {@code null}
     */
    public record Outcome(boolean success, String message, String id) {

        static Outcome failed(String message) {
            return new Outcome(false, message, null);
        }
    }

    /** Jobs, or why they could not be listed. */
    public record JobList(boolean success, String message, List<JobSummary> jobs) {

        static JobList of(List<JobSummary> jobs) {
            return new JobList(true, jobs.size() + " job(s)", jobs);
        }

        static JobList failed(String message) {
            return new JobList(false, message, List.of());
        }
    }

    /** A job, or why it cannot be shown. */
    public record JobLookup(boolean success, String message, JobView job) {

        static JobLookup found(JobInfo job) {
            return new JobLookup(true, null, JobView.of(job));
        }

        static JobLookup failed(String message) {
            return new JobLookup(false, message, null);
        }
    }

    /** The counts per state of one queue; {@code queue} is {@code null} for all queues together. */
    public record QueueStats(String queue, Map<JobState, Long> counts, long total) {

        static QueueStats of(String queue, Map<JobState, Long> counts) {
            return new QueueStats(queue, counts, counts.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /** A row of a job list. Times are ISO-8601 text, {@code null} when not reached. */
    public record JobSummary(String id, String type, String queue, JobState state, int priority, int attempt,
            int maxAttempts, String runAt, String createdAt, String finishedAt, String lastError) {

        static JobSummary of(JobInfo job) {
            return new JobSummary(job.id().toString(), job.type(), job.queue(), job.state(), job.priority(),
                    job.attempt(), job.maxAttempts(), text(job.runAt()), text(job.createdAt()),
                    text(job.finishedAt()), job.lastError());
        }
    }

    /** Everything known about one job. Times are ISO-8601 text; JSON values (payload, result) are JSON text. */
    public record JobView(String id, String type, String queue, JobState state, int priority, int attempt,
            int maxAttempts, String runAt, String createdAt, String startedAt, String finishedAt, String lastError,
            List<Attempt> attempts, String payload, int payloadVersion, String uniqueKey, String timeout,
            String cancelRequestedAt, Progress progress, String result) {

        static JobView of(JobInfo job) {
            return new JobView(job.id().toString(), job.type(), job.queue(), job.state(), job.priority(), job.attempt(),
                    job.maxAttempts(), text(job.runAt()), text(job.createdAt()), text(job.startedAt()),
                    text(job.finishedAt()), job.lastError(),
                    job.attempts().stream().map(a -> new Attempt(a.attempt(), text(a.startedAt()), text(a.failedAt()),
                            a.error(), a.stackTrace())).toList(),
                    job.payload(), job.payloadVersion(), job.uniqueKey(), text(job.timeout()),
                    text(job.cancelRequestedAt()),
                    job.progress() == null ? null
                            : new Progress(job.progress().done(), job.progress().total(), job.progress().message(),
                                    text(job.progress().updatedAt())),
                    job.result());
        }
    }

    /** One failed attempt. */
    public record Attempt(int attempt, String startedAt, String failedAt, String error, String stackTrace) {
    }

    /** What the handler last reported. */
    public record Progress(long done, long total, String message, String updatedAt) {
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
