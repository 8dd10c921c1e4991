package io.quarkiverse.jobqueue.runtime.store;

import java.time.Instant;

import io.quarkiverse.jobqueue.JobState;

/** How a stored state reads at a given instant. */
public final class StoredState {

    private StoredState() {
    }

    /** A {@code SCHEDULED} job whose run time has come is {@code PENDING}; no store rewrites it when time passes. */
    public static JobState effective(JobState stored, Instant runAt, Instant now) {
        return stored == JobState.SCHEDULED && !runAt.isAfter(now) ? JobState.PENDING : stored;
    }
}
