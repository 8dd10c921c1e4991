package io.quarkiverse.jobqueue;

/** Thrown by a handler to send its job to {@link JobState#DEAD} at once, whatever attempts remain. */
public class NonRetryableJobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonRetryableJobException(String message) {
        super(message);
    }

    public NonRetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
