package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;

/** A claimed job while its handler runs; also the handler's {@link JobContext}. */
final class RunningJob implements JobContext {

    private final ClaimedJob job;
    private final Consumer<List<JobId>> leaseRenewal;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Thread thread;

    RunningJob(ClaimedJob job, Consumer<List<JobId>> leaseRenewal) {
        this.job = job;
        this.leaseRenewal = leaseRenewal;
    }

    ClaimedJob job() {
        return job;
    }

    void runsOn(Thread thread) {
        this.thread = thread;
    }

    /** Claims the right to write this job's outcome: only the first caller (handler or shutdown) gets it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public JobId id() {
        return job.id();
    }

    @Override
    public String type() {
        return job.type();
    }

    @Override
    public String queue() {
        return job.queue();
    }

    @Override
    public int attempt() {
        return job.attempt();
    }

    @Override
    public int maxAttempts() {
        return job.maxAttempts();
    }

    @Override
    public Instant enqueuedAt() {
        return job.createdAt();
    }

    @Override
    public void heartbeat() {
        leaseRenewal.accept(List.of(job.id()));
    }

    @Override
    public String toString() {
        return "job " + job.id() + " (" + job.type() + ", attempt " + job.attempt() + ")";
    }
}
