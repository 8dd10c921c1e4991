package io.quarkiverse.jobqueue.runtime.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;

/**
 * Where jobs live. Every store keeps this contract; the engine holds every behaviour built on it (retries, leases,
 * shutdown, retention), so a store only reads and writes atomically.
 * <p>
 * States are stored as given; {@link #find}, {@link #list} and {@link #stats} report a {@code SCHEDULED} job whose
 * run time has come as {@code PENDING}.
 */
public interface JobStore {

    /**
     * Writes all the jobs or none. A store with transactions joins the caller's; {@code afterCommit} runs once the
     * jobs are visible to workers (right away when there is no transaction, never when it rolls back).
     * <p>
     * A job with a {@link NewJob#uniqueKey() unique key} that an active job ({@code SCHEDULED}, {@code PENDING},
     * {@code RUNNING}, {@code RETRYING}) already holds, or an earlier job of the batch, is not written: atomically,
     * so that of inserters racing for one key exactly one writes.
     *
     * @return per job, in order, the id of the job that now holds its place: its own, or the one holding its key. A
     *         store that writes only after the caller's transaction commits returns the jobs' own ids.
     */
    List<JobId> insert(List<NewJob> jobs, Runnable afterCommit);

    /**
     * Claims up to {@code limit} runnable jobs of the queue whose type is one of {@code types} (runnable:
     * {@code SCHEDULED}, {@code PENDING} or {@code RETRYING} with a run time not after {@code now}), highest priority
     * first, then earliest run time. Each becomes {@code RUNNING} with its attempt counted and its lease held by
     * {@code owner} until {@code leaseUntil}. Concurrent claimers never get the same job.
     */
    default List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now,
            Instant leaseUntil) {
        return claim(queue, types, Map.of(), limit, owner, now, leaseUntil);
    }

    /**
     * {@link #claim(String, Collection, int, String, Instant, Instant)} within the {@code limits} of the types that
     * have them (types missing from the map have none): a limited type gets no more jobs than
     * {@link TypeLimit#allowedStarts} allows, counted atomically with every other claimer, and each claim of it
     * counts in its rate window. A job held back by a limit stays as it is, its attempt not counted.
     */
    List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits, int limit,
            String owner, Instant now, Instant leaseUntil);

    /**
     * Takes over up to {@code limit} {@code RUNNING} jobs whose lease expired before {@code now}, so that their owner
     * can record the lost attempt; the attempt is not counted again.
     */
    List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil);

    /**
     * Renews the leases {@code owner} still holds among these jobs; returns those of them whose cancellation was
     * requested, so that a running job learns of a cancellation made anywhere within a heartbeat.
     */
    Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil);

    /**
     * Stores the progress (JSON of {@code JobProgress}) of a job {@code owner} holds and renews its lease; returns
     * whether its cancellation was requested. Nothing is written when the lease is lost.
     */
    boolean progress(JobId id, String owner, String progress, Instant leaseUntil);

    /** Writes the outcomes in one transaction; an outcome of a job whose lease {@code owner} lost is skipped. */
    void record(List<Outcome> outcomes, String owner);

    Optional<JobInfo> find(JobId id, Instant now);

    /** The newest job with this unique key, in any state, while it is kept. */
    Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now);

    /** Newest first; {@code null} state or queue means any. */
    List<JobInfo> list(JobState state, String queue, int limit, Instant now);

    /** Counts per state of a queue, or of all for {@code null}; states without jobs may be missing. */
    Map<JobState, Long> stats(String queue, Instant now);

    /**
     * {@code SCHEDULED}, {@code PENDING} or {@code RETRYING} to {@code CANCELLED}; on a {@code RUNNING} job records
     * that cancellation was requested at {@code now} (once), for its lease holder to act on.
     */
    Cancellation cancel(JobId id, Instant now);

    /**
     * {@code DEAD} or {@code CANCELLED} to {@code PENDING} at {@code now}, attempts, cancel request, progress and
     * result reset; not when another active job holds the job's unique key.
     */
    boolean replay(JobId id, Instant now);

    /** Deletes a job that is not {@code RUNNING}. */
    boolean delete(JobId id);

    /** Deletes up to {@code limit} succeeded jobs finished before the instant; returns how many. */
    int pruneSucceeded(Instant finishedBefore, int limit);

    /**
     * Calls {@code onJobsAvailable} with a queue name when another process enqueued jobs to it, for stores that
     * can push; returns what stops listening. Polling covers stores that cannot.
     */
    default AutoCloseable listen(Consumer<String> onJobsAvailable) {
        return () -> {
        };
    }

    /**
     * The earliest run time among the queue's due runnable jobs ({@code SCHEDULED}, {@code PENDING} or
     * {@code RETRYING} with a run time not after {@code now}) whose type is one of {@code types}: when the job that
     * has waited longest became due. Empty when there is none.
     */
    Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now);

    /** The precision of the instants this store keeps exactly: the engine gives it no finer ones. */
    default TemporalUnit instantPrecision() {
        return ChronoUnit.NANOS;
    }
}
