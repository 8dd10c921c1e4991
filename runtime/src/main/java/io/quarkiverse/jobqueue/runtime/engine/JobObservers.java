package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.arc.All;

/** Every {@link JobObserver} bean as one; an observer that throws is logged and the others are still called. */
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
            each(observer -> observer.enqueued(jobs), "enqueued", null);
        }
    }

    void started(ClaimedJob job) {
        each(observer -> observer.started(job), "started", job);
    }

    void finished(ClaimedJob job, Outcome outcome, Duration ran) {
        each(observer -> observer.finished(job, outcome, ran), "finished", job);
    }

    void recorded(ClaimedJob job, Outcome outcome) {
        each(observer -> observer.recorded(job, outcome), "recorded", job);
    }

    void cancelled(JobInfo job) {
        for (JobObserver observer : observers) {
            try {
                observer.cancelled(job);
            } catch (RuntimeException e) {
                try (JobMdc mdc = JobMdc.of(job)) {
                    LOG.warnf(e, "Job observer %s failed on 'cancelled' of job %s (%s); the job is not affected",
                            observer.getClass().getName(), job.id(), job.type());
                }
            }
        }
    }

    /** Whether any observer listens: then telling them may be worth a store read. */
    boolean any() {
        return !observers.isEmpty();
    }

    private void each(Consumer<JobObserver> call, String event, ClaimedJob job) {
        for (JobObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                if (job == null) {
                    LOG.warnf(e, "Job observer %s failed on '%s'; no job is affected", observer.getClass().getName(),
                            event);
                } else {
                    try (JobMdc mdc = JobMdc.of(job)) {
                        LOG.warnf(e, "Job observer %s failed on '%s' of job %s (%s, attempt %d); the job is not "
                                + "affected", observer.getClass().getName(), event, job.id(), job.type(),
                                job.attempt());
                    }
                }
            }
        }
    }
}
