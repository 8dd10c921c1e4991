package io.quarkiverse.jobqueue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enqueues and inspects durable jobs. Inject it anywhere.
 * <p>
 * With the JDBC store, enqueueing inside a transaction joins it: the job commits or rolls back with the caller's
 * data.
 */
public interface JobQueue {

    /**
     * Enqueues one job to run as soon as a worker is free.
     *
     * @param type the job type, the value of a {@link JobHandler}
     * @param payload any Jackson-mappable value, or {@code null}
     * @throws IllegalArgumentException if the type is blank, the payload cannot be serialized or is too large
     */
    default JobId enqueue(String type, Object payload) {
        return enqueue(type, payload, JobOptions.defaults());
    }

    /**
     * Enqueues one job with these options. With a {@link JobOptions#uniqueKey(String) unique key} that an active job
     * holds, nothing is written and the id returned is that job's (with the Redis store inside a transaction: this
     * job's own id, see docs/unique-jobs.md).
     */
    JobId enqueue(String type, Object payload, JobOptions options);

    /**
     * Enqueues many jobs of one type in one round trip to the store, all or none. A unique key names one job, so
     * with one the list must hold a single payload.
     *
     * @throws IllegalArgumentException for a unique key and more than one payload
     */
    List<JobId> enqueueAll(String type, List<?> payloads, JobOptions options);

    default List<JobId> enqueueAll(String type, List<?> payloads) {
        return enqueueAll(type, payloads, JobOptions.defaults());
    }

    Optional<JobInfo> find(JobId id);

    /** The newest job enqueued with this unique key, in any state, while it is kept. */
    Optional<JobInfo> findByUniqueKey(String uniqueKey);

    /**
     * Jobs newest first.
     *
     * @param state only jobs in this state, or {@code null} for any
     * @param queue only jobs of this queue, or {@code null} for any
     * @param limit at most this many, at least 1
     */
    List<JobInfo> list(JobState state, String queue, int limit);

    /** The number of jobs per state (every state present, zero included) in a queue, or in all queues for {@code null}. */
    Map<JobState, Long> stats(String queue);

    /**
     * Cancels a job: one that has not started ends {@code CANCELLED} at once; for a {@code RUNNING} one the request
     * is recorded, its handler is interrupted (within a heartbeat interval when it runs on another instance) and the
     * job ends {@code CANCELLED}, or {@code SUCCEEDED} if the handler finishes its work anyway.
     *
     * @return whether the job was cancelled or, when running, the request recorded
     */
    boolean cancel(JobId id);

    /** Puts a {@code DEAD} or {@code CANCELLED} job back to {@code PENDING} with its attempts reset. */
    boolean replay(JobId id);

    /** Deletes a job that is not running; returns whether it was deleted. */
    boolean delete(JobId id);
}
