package io.quarkiverse.jobqueue.it;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/** Counts and times the engine's hot store calls, to show where a measurement's time goes. */
final class TimedStore implements JobStore {

    private final JobStore store;
    private final LongAdder claims = new LongAdder();
    private final LongAdder claimed = new LongAdder();
    private final LongAdder claimNanos = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder recordNanos = new LongAdder();

    TimedStore(JobStore store) {
        this.store = store;
    }

    String report() {
        return String.format("claims=%d jobs/claim=%.1f ms/claim=%.2f records=%d outcomes/record=%.1f ms/record=%.2f",
                claims.sum(), (double) claimed.sum() / Math.max(1, claims.sum()),
                claimNanos.sum() / 1e6 / Math.max(1, claims.sum()), records.sum(),
                (double) recorded.sum() / Math.max(1, records.sum()), recordNanos.sum() / 1e6 / Math.max(1, records.sum()));
    }

    @Override
    public List<JobId> insert(List<NewJob> jobs, Runnable afterCommit) {
        return store.insert(jobs, afterCommit);
    }

    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits, int limit,
            String owner, Instant now, Instant leaseUntil) {
        long start = System.nanoTime();
        List<ClaimedJob> jobs = store.claim(queue, types, limits, limit, owner, now, leaseUntil);
        claimNanos.add(System.nanoTime() - start);
        claims.increment();
        claimed.add(jobs.size());
        return jobs;
    }

    @Override
    public List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil) {
        return store.takeExpired(limit, owner, now, leaseUntil);
    }

    @Override
    public Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil) {
        return store.renewLeases(ids, owner, leaseUntil);
    }

    @Override
    public boolean progress(JobId id, String owner, String progress, Instant leaseUntil) {
        return store.progress(id, owner, progress, leaseUntil);
    }

    @Override
    public void record(List<Outcome> outcomes, String owner) {
        long start = System.nanoTime();
        store.record(outcomes, owner);
        recordNanos.add(System.nanoTime() - start);
        records.increment();
        recorded.add(outcomes.size());
    }

    @Override
    public Optional<JobInfo> find(JobId id, Instant now) {
        return store.find(id, now);
    }

    @Override
    public Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now) {
        return store.findByUniqueKey(uniqueKey, now);
    }

    @Override
    public List<JobInfo> list(JobState state, String queue, int limit, Instant now) {
        return store.list(state, queue, limit, now);
    }

    @Override
    public Map<JobState, Long> stats(String queue, Instant now) {
        return store.stats(queue, now);
    }

    @Override
    public Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now) {
        return store.oldestRunnable(queue, types, now);
    }

    @Override
    public Cancellation cancel(JobId id, Instant now) {
        return store.cancel(id, now);
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        return store.replay(id, now);
    }

    @Override
    public boolean delete(JobId id) {
        return store.delete(id);
    }

    @Override
    public int pruneSucceeded(Instant finishedBefore, int limit) {
        return store.pruneSucceeded(finishedBefore, limit);
    }

    @Override
    public AutoCloseable listen(Consumer<String> onJobsAvailable) {
        return store.listen(onJobsAvailable);
    }
}
