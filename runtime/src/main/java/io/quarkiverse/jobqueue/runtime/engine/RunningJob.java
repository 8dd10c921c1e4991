package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;

/** A claimed job while its handler runs; also the handler's {@link JobContext}. */
final class RunningJob implements JobContext {

    private final ClaimedJob job;
    private final Consumer<List<JobId>> leaseRenewal;
    private final BiConsumer<RunningJob, JobProgress> progressWriter;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean cancellationRequested;
    private volatile boolean timedOut;
    /** The worker thread while the handler runs; guarded by {@code this}, so an interrupt never hits a later job. */
    private Thread thread;

    RunningJob(ClaimedJob job, Consumer<List<JobId>> leaseRenewal, BiConsumer<RunningJob, JobProgress> progressWriter) {
        this.job = job;
        this.leaseRenewal = leaseRenewal;
        this.progressWriter = progressWriter;
        this.cancellationRequested = job.cancelRequested();
    }

    ClaimedJob job() {
        return job;
    }

    synchronized void runsOn(Thread thread) {
        this.thread = thread;
    }

    /** Claims the right to write this job's outcome: only the first caller (handler or shutdown) gets it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Someone cancelled the job: the handler sees it and, if it blocks, is interrupted. */
    void requestCancellation() {
        cancellationRequested = true;
        interrupt();
    }

    /** The attempt ran past its timeout: it is interrupted and counts as failed. */
    void timeOut() {
        timedOut = true;
        interrupt();
    }

    boolean timedOut() {
        return timedOut;
    }

    @Override
    public boolean isCancellationRequested() {
        return cancellationRequested;
    }

    @Override
    public void progress(long done, long total, String message) {
        progressWriter.accept(this, new JobProgress(done, total, message, Instant.now()));
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
