package io.quarkiverse.jobqueue.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.jobqueue.JobProgress;

/** The stored form of a job's progress: JSON, written by the engine and read the same way by every store. */
public final class StoredProgress {

    private StoredProgress() {
    }

    public static String format(JobProgress progress) {
        try {
            return AttemptHistory.MAPPER.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the progress " + progress, e);
        }
    }

    /** The progress in {@code json}; {@code null} for {@code null}. */
    public static JobProgress parse(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return AttemptHistory.MAPPER.readValue(json, JobProgress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored progress is not valid JSON: " + json, e);
        }
    }
}
