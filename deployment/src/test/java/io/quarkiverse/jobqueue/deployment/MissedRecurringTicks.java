package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringTicker;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application whose yearly recurring job missed its last tick (2026-01-01T00:00Z) while no instance ran: the job
 * enqueued ahead for that tick is in the table at start-up, still {@code PENDING}, as a load script puts it there.
 */
final class MissedRecurringTicks {

    static final Instant MISSED_TICK = Instant.parse("2026-01-01T00:00:00Z");
    static final JobId MISSED_JOB = JobId.of("01940000-0000-7000-8000-000000000001");
    static final AtomicInteger RUNS = new AtomicInteger();

    private MissedRecurringTicks() {
    }

    static QuarkusUnitTest app(String database) {
        String insert = "INSERT INTO job_queue_job (id, job_type, queue_name, state, priority, attempt, max_attempts, "
                + "run_at, created_at, payload, unique_key) VALUES ('" + MISSED_JOB + "', 'yearly', 'default', "
                + "'PENDING', 0, 0, 3, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', "
                + "TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z', 'null', '"
                + RecurringTicker.uniqueKey("yearly", MISSED_TICK) + "');\n";
        return TestApps.h2(database, jar -> jar.addAsResource(new StringAsset(insert), "missed-tick.sql"),
                Yearly.class, MissedRecurringTicks.class)
                .overrideConfigKey("quarkus.hibernate-orm.sql-load-script", "missed-tick.sql");
    }

    /** The job of the next tick waits for it, whatever became of the missed one. */
    static void assertTheNextTickWaits(JobQueue jobs) {
        JobInfo next = jobs.list(JobState.SCHEDULED, null, 100).stream()
                .filter(job -> job.type().equals("yearly")).findFirst().orElseThrow();
        assertThat(next.runAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(next.uniqueKey()).isEqualTo("yearly@2027-01-01T00:00:00Z");
    }

    static class Yearly {
        @Recurring(cron = "0 0 0 1 1 ?")
        @JobHandler("yearly")
        void run() {
            RUNS.incrementAndGet();
        }
    }
}
