package io.quarkiverse.jobqueue.runtime.engine;

import org.jboss.logging.MDC;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;

/**
 * The job's {@code job.id}, {@code job.type}, {@code job.queue} and {@code job.attempt} in the logging MDC, so that
 * every line logged about a job names it, whatever the log format.
 */
public final class JobMdc implements AutoCloseable {

    private static final String[] KEYS = { "job.id", "job.type", "job.queue", "job.attempt" };
    /** The attempts most jobs are in, as text made once. */
    private static final String[] ATTEMPTS = new String[16];

    static {
        for (int i = 0; i < ATTEMPTS.length; i++) {
            ATTEMPTS[i] = String.valueOf(i);
        }
    }

    /** What the keys held before, restored on close: a line about one job may be logged while another runs. */
    private final Object[] previous = new Object[KEYS.length];

    /** Puts these keys until {@link #close()}; use with try-with-resources on the logging thread. */
    static JobMdc of(JobId id, String type, String queue, int attempt) {
        return new JobMdc(id, type, queue, attempt);
    }

    private JobMdc(JobId id, String type, String queue, int attempt) {
        String[] values = { id.toString(), type, queue,
                attempt >= 0 && attempt < ATTEMPTS.length ? ATTEMPTS[attempt] : String.valueOf(attempt) };
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.put(KEYS[i], values[i]);
        }
    }

    /** Puts the job's keys until {@link #close()}; use with try-with-resources on the logging thread. */
    public static JobMdc of(ClaimedJob job) {
        return new JobMdc(job.id(), job.type(), job.queue(), job.attempt());
    }

    /** Puts the job's keys until {@link #close()}; use with try-with-resources on the logging thread. */
    public static JobMdc of(JobInfo job) {
        return new JobMdc(job.id(), job.type(), job.queue(), job.attempt());
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (previous[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], previous[i]);
            }
        }
    }
}
