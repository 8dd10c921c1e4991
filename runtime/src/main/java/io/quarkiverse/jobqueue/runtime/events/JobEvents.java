package io.quarkiverse.jobqueue.runtime.events;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.event.JobAttemptFailed;
import io.quarkiverse.jobqueue.event.JobCancelled;
import io.quarkiverse.jobqueue.event.JobDead;
import io.quarkiverse.jobqueue.event.JobSucceeded;
import io.quarkiverse.jobqueue.runtime.engine.JobMdc;
import io.quarkiverse.jobqueue.runtime.engine.JobObserver;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableObserverMethod;

/**
 * Fires the CDI events of the {@code io.quarkiverse.jobqueue.event} package once an attempt's outcome is stored,
 * synchronously and asynchronously. An event type nobody observes costs nothing: which are observed, and how, is
 * decided once when the engine starts, and the {@link JobInfo} is built only for observed ones, from the attempt
 * rather than by reading the store.
 */
@Singleton
public class JobEvents implements JobObserver {

    private static final Logger LOG = Logger.getLogger(JobEvents.class);

    private final Channel<JobSucceeded> succeeded;
    private final Channel<JobAttemptFailed> attemptFailed;
    private final Channel<JobDead> dead;
    private final Channel<JobCancelled> cancelled;

    JobEvents(Event<JobSucceeded> succeeded, Event<JobAttemptFailed> attemptFailed, Event<JobDead> dead,
            Event<JobCancelled> cancelled) {
        this.succeeded = Channel.of(JobSucceeded.class, succeeded, JobSucceeded::job);
        this.attemptFailed = Channel.of(JobAttemptFailed.class, attemptFailed, JobAttemptFailed::job);
        this.dead = Channel.of(JobDead.class, dead, JobDead::job);
        this.cancelled = Channel.of(JobCancelled.class, cancelled, JobCancelled::job);
    }

    @Override
    public void recorded(ClaimedJob job, Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded success) {
            if (succeeded.observed()) {
                succeeded.fire(new JobSucceeded(info(job, JobState.SUCCEEDED, job.runAt(),
                        success.finishedAt(), job.attempts(), success.result())));
            }
        } else if (outcome instanceof Outcome.Failed failure) {
            if (failure.next() == JobState.RETRYING && attemptFailed.observed()) {
                attemptFailed.fire(new JobAttemptFailed(info(job, JobState.RETRYING, failure.runAt(),
                        failure.finishedAt(), failure.attempts(), null), failure.lastError(), failure.runAt()));
            } else if (failure.next() == JobState.DEAD && dead.observed()) {
                dead.fire(new JobDead(info(job, JobState.DEAD, failure.runAt(), failure.finishedAt(),
                        failure.attempts(), null)));
            }
        } else if (outcome instanceof Outcome.Cancelled cancellation) {
            if (cancelled.observed()) {
                cancelled.fire(new JobCancelled(info(job, JobState.CANCELLED, job.runAt(),
                        cancellation.finishedAt(), job.attempts(), null)));
            }
        }
        // A released attempt did not count: the job runs again, and nothing happened to it worth an event.
    }

    @Override
    public void cancelled(JobInfo job) {
        if (cancelled.observed()) {
            cancelled.fire(new JobCancelled(job));
        }
    }

    /**
     * The job as the store now has it. The last error is the newest attempt's in the history, as stored; what the
     * attempt does not know (unique key, progress, when cancellation was requested) is left out.
     */
    private static JobInfo info(ClaimedJob job, JobState state, Instant runAt, Instant finishedAt, String history,
            String result) {
        List<JobAttempt> attempts = AttemptHistory.parse(history);
        String lastError = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).error();
        return new JobInfo(job.id(), job.type(), job.queue(), state, job.priority(), job.attempt(), job.maxAttempts(),
                runAt, job.createdAt(), job.startedAt(), finishedAt, lastError, attempts, job.payload(),
                job.payloadVersion(), null, job.timeout(), null, null, result);
    }

    /** One event type, with whether it has synchronous and asynchronous observers. */
    private record Channel<T>(Class<T> type, Event<T> event, Function<T, JobInfo> jobOf, boolean sync, boolean async) {

        static <T> Channel<T> of(Class<T> type, Event<T> event, Function<T, JobInfo> jobOf) {
            List<InjectableObserverMethod<? super T>> observers = Arc.container().resolveObserverMethods(type);
            return new Channel<>(type, event, jobOf, observers.stream().anyMatch(observer -> !observer.isAsync()),
                    observers.stream().anyMatch(ObserverMethod::isAsync));
        }

        boolean observed() {
            return sync || async;
        }

        /** Notifies the observers; one that fails is logged, and the others still hear of it. */
        void fire(T payload) {
            JobInfo job = jobOf.apply(payload);
            if (sync) {
                try {
                    event.fire(payload);
                } catch (RuntimeException e) {
                    failed(job, "A synchronous", e);
                }
            }
            if (async) {
                event.fireAsync(payload).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        failed(job, "An asynchronous",
                                failure instanceof CompletionException && failure.getCause() != null
                                        ? failure.getCause()
                                        : failure);
                    }
                });
            }
        }

        private void failed(JobInfo job, String kind, Throwable error) {
            try (JobMdc mdc = JobMdc.of(job)) {
                LOG.warnf(error, "%s observer of %s failed for job %s (%s, attempt %d); the job's outcome is stored "
                        + "and stays as it is", kind, type.getSimpleName(), job.id(), job.type(), job.attempt());
            }
        }
    }
}
