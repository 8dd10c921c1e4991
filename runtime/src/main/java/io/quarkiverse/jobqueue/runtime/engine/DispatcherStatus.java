package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;

/**
 * The claim loop of one queue, as liveness checks see it. The loop goes round at least once per poll interval while
 * it waits for jobs or for free workers, and once per backoff (at most 5 s) while the store fails; a store call that
 * hangs keeps it from going round.
 *
 * @param running whether its thread is alive
 * @param sinceLastRound how long ago it last went round or woke from a wait
 */
public record DispatcherStatus(String queue, boolean running, Duration sinceLastRound) {

    /** The longest wait between two rounds of a loop whose store fails: the engine's longest outage backoff. */
    public static final Duration MAX_OUTAGE_BACKOFF = Duration.ofMillis(StoreOutage.MAX_BACKOFF_MILLIS);
}
