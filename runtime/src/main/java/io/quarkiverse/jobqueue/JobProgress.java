package io.quarkiverse.jobqueue;

import java.time.Instant;

/**
 * How far a running job got, as its handler last reported with {@link JobContext#progress}.
 *
 * @param done units of work done, from 0 to {@code total}
 * @param total units of work in all
 * @param message what the handler is doing, or {@code null}
 * @param updatedAt when the handler reported it
 */
public record JobProgress(long done, long total, String message, Instant updatedAt) {

    public JobProgress {
        if (done < 0 || total < 0 || done > total) {
            throw new IllegalArgumentException("Progress " + done + " of " + total + " is impossible: report "
                    + "0 <= done <= total, e.g. progress(3, 10, \"page 3\")");
        }
    }
}
