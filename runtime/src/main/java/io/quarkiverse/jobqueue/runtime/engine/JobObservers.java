package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.arc.All;

/**
 * Every {@link JobObserver} bean as one; an observer that throws is logged and the others are still called. Per-job
 * events look at {@link #any()} first, so that an application without observers spends nothing on them.
 */
@Singleton
public class JobObservers {

    /** No observers: for engines built outside CDI. */
    static final JobObservers NONE = new JobObservers(List.of());

    private static final Logger LOG = Logger.getLogger(JobObservers.class);

    private final List<JobObserver> observers;

    JobObservers(@All List<JobObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    void enqueued(List<NewJob> jobs) {
        if (!jobs.isEmpty()) {
            each(observer -> observer.enqueued(jobs), "enqueued", null, null, null, 0);
        }
    }

    void started(ClaimedJob job) {
        if (any()) {
            each(observer -> observer.started(job), "started", job);
        }
    }

    void finished(ClaimedJob job, Outcome outcome, Duration ran) {
        if (any()) {
            each(observer -> observer.finished(job, outcome, ran), "finished", job);
        }
    }

    void recorded(ClaimedJob job, Outcome outcome) {
        if (any()) {
            each(observer -> observer.recorded(job, outcome), "recorded", job);
        }
    }

    void cancelled(JobInfo job) {
        each(observer -> observer.cancelled(job), "cancelled", job.id(), job.type(), job.queue(), job.attempt());
    }

    /** Whether any observer listens: then telling them may be worth a store read. */
    boolean any() {
        return !observers.isEmpty();
    }

    private void each(Consumer<JobObserver> call, String event, ClaimedJob job) {
        each(call, event, job.id(), job.type(), job.queue(), job.attempt());
    }

    /** Calls every observer; {@code id} is null for an event about no single job. */
    private void each(Consumer<JobObserver> call, String event, JobId id, String type, String queue, int attempt) {
        for (JobObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                if (id == null) {
                    LOG.warnf(e, "Job observer %s failed on '%s'; no job is affected", observer.getClass().getName(),
                            event);
                } else {
                    try (JobMdc mdc = JobMdc.of(id, type, queue, attempt)) {
                        LOG.warnf(e, "Job observer %s failed on '%s' of job %s (%s, attempt %d); the job is not "
                                + "affected", observer.getClass().getName(), event, id, type, attempt);
                    }
                }
            }
        }
    }
}
