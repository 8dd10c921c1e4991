package io.quarkiverse.jobqueue.runtime.store;

/** A store could not read or write jobs; the engine retries with backoff and loses nothing. */
public class JobStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
