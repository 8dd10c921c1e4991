package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.List;

import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;

/**
 * Told what happens to jobs in this instance, so that metrics, CDI events and tracing are written once, beside the
 * engine rather than inside it. An internal SPI: implementations are CDI beans of the extension. A method must return
 * quickly (it runs on enqueuing, worker or writer threads); one that throws is logged and changes no job.
 */
public interface JobObserver {

    /**
     * Jobs {@code JobQueue} wrote, on the enqueuing thread, once the store took them (for a store that joins the
     * caller's transaction, before it commits). Jobs not written because their unique key was held are left out.
     */
    default void enqueued(List<NewJob> jobs) {
    }

    /** An attempt starts on its worker thread, before the handler is called. */
    default void started(ClaimedJob job) {
    }

    /**
     * An attempt ended on its worker thread, after {@code ran} in the handler, with the outcome about to be written.
     * Not called for attempts whose worker stopped (lease expired) nor for those released at shutdown.
     */
    default void finished(ClaimedJob job, Outcome outcome, Duration ran) {
    }

    /**
     * The outcome of an attempt was written to the store: every outcome of this instance, including those of
     * attempts lost with their worker (recorded by lease recovery) and those released at shutdown.
     */
    default void recorded(ClaimedJob job, Outcome outcome) {
    }

    /**
     * A job that was not running was cancelled through {@code JobQueue.cancel}, on the cancelling thread; {@code job}
     * is as stored after it. A running job's cancellation ends in {@link #recorded} with an {@code Outcome.Cancelled}.
     */
    default void cancelled(JobInfo job) {
    }
}
