package io.quarkiverse.jobqueue;

/** One handler call as a {@link JobInterceptor} sees it. */
public interface JobInvocation {

    /** The attempt: job id, type, queue, attempt number. */
    JobContext context();

    /** The payload as the handler will receive it (already upcast and read), or {@code null}. */
    Object payload();

    /**
     * Calls the next interceptor, or the handler when none is left. Returns what the handler returned:
     * {@code null}, a {@code CompletionStage} or a {@code Uni}, which the engine waits for after the interceptors.
     */
    Object proceed() throws Exception;
}
