package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

/**
 * Whether the engine's store calls (claims, outcomes, lease renewals, maintenance) are failing, shared by its
 * threads, so that an outage (a database or Redis restart) is logged once when it starts and once when it ends
 * instead of on every retry. The callers keep their work and retry with {@link #nextBackoffMillis}: no outcome is
 * dropped and no thread stops.
 * <p>
 * SmallRye Fault Tolerance is an optional dependency of the extension, so the engine retries on its own here.
 */
final class StoreOutage {

    private static final Logger LOG = Logger.getLogger(StoreOutage.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;

    private final AtomicReference<Instant> since = new AtomicReference<>();

    /** The wait before the next try: doubling from 100 ms up to 5 s. */
    static long nextBackoffMillis(long previousMillis) {
        return Math.min(MAX_BACKOFF_MILLIS, Math.max(FIRST_BACKOFF_MILLIS, previousMillis * 2));
    }

    /** Records a failed store call; logs it with its cause if it starts an outage, else only at debug level. */
    void failed(String call, RuntimeException error) {
        if (since.compareAndSet(null, Instant.now())) {
            LOG.errorf(error, "The job store failed to %s; the engine keeps its jobs and outcomes and retries with "
                    + "backoff. Further failures are logged at DEBUG until it recovers", call);
        } else {
            LOG.debugf(error, "The job store failed to %s again", call);
        }
    }

    /** Records a store call that worked; logs the end of an outage. */
    void succeeded() {
        if (since.get() == null) {
            return;
        }
        Instant start = since.getAndSet(null);
        if (start != null) {
            LOG.infof("The job store works again after %d ms of failures", Duration.between(start, Instant.now())
                    .toMillis());
        }
    }
}
