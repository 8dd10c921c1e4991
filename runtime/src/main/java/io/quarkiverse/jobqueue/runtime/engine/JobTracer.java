package io.quarkiverse.jobqueue.runtime.engine;

import java.util.List;
import java.util.Map;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;

/**
 * Traces enqueues and attempts, carrying the enqueue's context to the attempts in the jobs' headers, so that the
 * engine needs no tracing library. An internal SPI: the extension registers one bean when OpenTelemetry is present;
 * without it the engine uses {@link #NONE} and stores no headers.
 */
public interface JobTracer {

    /** Traces nothing and adds no headers. */
    JobTracer NONE = new JobTracer() {
        @Override
        public EnqueueSpan enqueue(String type, String queue, List<JobId> ids) {
            return EnqueueSpan.NONE;
        }

        @Override
        public AttemptSpan attempt(ClaimedJob job, Map<String, String> headers) {
            return AttemptSpan.NONE;
        }
    };

    /**
     * Starts the span of one {@code JobQueue} enqueue of jobs of one type to one queue, current on the enqueuing
     * thread until {@link EnqueueSpan#end}.
     */
    EnqueueSpan enqueue(String type, String queue, List<JobId> ids);

    /**
     * Starts the span of an attempt, current on its worker thread until {@link AttemptSpan#end}.
     *
     * @param headers the headers the job was enqueued with, empty when it has none
     */
    AttemptSpan attempt(ClaimedJob job, Map<String, String> headers);

    /** An enqueue being traced. */
    interface EnqueueSpan {

        EnqueueSpan NONE = new EnqueueSpan() {
            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public void end(Throwable failure) {
            }
        };

        /** What every job of this enqueue carries to its attempts; empty for nothing. */
        Map<String, String> headers();

        /** The jobs were written ({@code failure} null), or writing them failed with {@code failure}. */
        void end(Throwable failure);
    }

    /** An attempt being traced. */
    interface AttemptSpan {

        AttemptSpan NONE = new AttemptSpan() {
            @Override
            public void failed(Throwable error) {
            }

            @Override
            public void end(Outcome outcome) {
            }
        };

        /** The attempt failed with {@code error} (the handler's exception, a timeout...). */
        void failed(Throwable error);

        /** The attempt ended with {@code outcome}; {@code null} if deciding it failed. */
        void end(Outcome outcome);
    }
}
