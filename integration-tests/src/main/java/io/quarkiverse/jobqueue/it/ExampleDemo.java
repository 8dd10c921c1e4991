package io.quarkiverse.jobqueue.it;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.runtime.StartupEvent;

/**
 * Enqueues a few jobs at start-up so that the example shows jobs succeeding, retrying, ending dead (one of them
 * for good, one that a replay brings back), reporting progress and returning a result.
 */
@Singleton
public class ExampleDemo {

    private static final Logger LOG = Logger.getLogger(ExampleDemo.class);

    @Inject
    JobQueue jobs;

    @ConfigProperty(name = "example.demo.enabled", defaultValue = "false")
    boolean enabled;

    void enqueueDemoJobs(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        jobs.enqueueAll("send-welcome-email", List.of(new WelcomeEmail(1, "ada@example.com"),
                new WelcomeEmail(2, "grace@example.com")));
        jobs.enqueue("generate-report", "monthly-sales");
        jobs.enqueue("charge-card", "tok_visa_declined");
        jobs.enqueue("sync-inventory", "warehouse-7");
        jobs.enqueue("export-orders", 8);
        jobs.enqueue("send-welcome-email", new WelcomeEmail(3, "later@example.com"),
                JobOptions.defaults().delay(Duration.ofSeconds(3)));
        Thread reporter = new Thread(this::reportStats, "example-stats");
        reporter.setDaemon(true);
        reporter.start();
    }

    private void reportStats() {
        try {
            for (int i = 0; i < 5; i++) {
                Thread.sleep(2_000);
                LOG.infof("Jobs per state: %s", jobs.stats(null));
            }
            jobs.list(JobState.SUCCEEDED, null, 10).stream().filter(job -> job.result() != null).forEach(done -> LOG
                    .infof("Job %s (%s) returned %s", done.id(), done.type(), done.result()));
            jobs.list(JobState.DEAD, null, 10).forEach(dead -> LOG.infof(
                    "Dead letter %s (%s) after %d attempts, last error: %s. Replay it with POST /jobs/%s/replay",
                    dead.id(), dead.type(), dead.attempt(), dead.lastError(), dead.id()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
