package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.Outcome;

/**
 * Writes outcomes in batches from one thread, so that many finished jobs cost one transaction, on a database
 * connection of its own beside the dispatchers' claims. A batch the store
 * refuses is kept and written again with backoff: an outcome is never dropped while the engine runs; one still
 * unwritten at shutdown leaves its job RUNNING, and the expired lease brings it back.
 */
final class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class);
    private static final int MAX_BATCH = 1000;

    private final JobStore store;
    private final StoreOutage outage;
    private final String owner;
    private final Consumer<List<JobOutcome>> afterWrite;
    private final BlockingQueue<JobOutcome> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param afterWrite called with each batch once it is written */
    OutcomeWriter(JobStore store, StoreOutage outage, String owner, Consumer<List<JobOutcome>> afterWrite) {
        this.store = store;
        this.outage = outage;
        this.owner = owner;
        this.afterWrite = afterWrite;
        this.thread = new Thread(this::loop, "job-queue-outcomes");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(ClaimedJob job, Outcome outcome) {
        pending.add(new JobOutcome(job, outcome));
    }

    /** Writes what is pending, waiting at most {@code timeout}, then stops. */
    void stop(Duration timeout) {
        running = false;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!pending.isEmpty()) {
            List<JobOutcome> left = new ArrayList<>(pending);
            LOG.errorf("Stopped with %d job outcomes unwritten (jobs %s%s): they stay RUNNING until their lease "
                    + "expires, then run again", left.size(), left.stream().limit(20).map(o -> o.job().id()).toList(),
                    left.size() > 20 ? " and more" : "");
        }
    }

    private void loop() {
        List<JobOutcome> batch = new ArrayList<>();
        long backoffMillis = 0;
        while (running || !pending.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    JobOutcome first = running ? pending.poll(100, TimeUnit.MILLISECONDS) : pending.poll();
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    pending.drainTo(batch, MAX_BATCH - 1);
                }
                List<Outcome> outcomes = new ArrayList<>(batch.size());
                for (JobOutcome written : batch) {
                    outcomes.add(written.outcome());
                }
                store.record(outcomes, owner);
                List<JobOutcome> written = List.copyOf(batch);
                batch.clear();
                backoffMillis = 0;
                outage.succeeded();
                afterWrite.accept(written);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoffMillis = StoreOutage.nextBackoffMillis(backoffMillis);
                outage.failed("write " + batch.size() + " job outcomes", e);
                if (!pause(backoffMillis)) {
                    pending.addAll(batch);
                    return;
                }
            }
        }
    }

    /** Sleeps unless stopping; returns whether to go on. */
    private boolean pause(long millis) {
        if (!running) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** An outcome with the claim it ends. */
    record JobOutcome(ClaimedJob job, Outcome outcome) {
    }
}
