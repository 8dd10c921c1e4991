package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.test.QuarkusUnitTest;

/** With {@code missed=run-once} the job of a tick missed while no instance ran runs once at start-up. */
class RunMissedTickOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = MissedRecurringTicks.app("run-missed-tick-once")
            .overrideConfigKey("quarkus.job-queue.recurring.\"yearly\".missed", "run-once");

    @Inject
    JobQueue jobs;

    @Test
    void theMissedTicksJobRunsOnceAndTheNextTickWaits() throws Exception {
        TestApps.awaitSucceeded(jobs, MissedRecurringTicks.MISSED_JOB);

        assertThat(MissedRecurringTicks.RUNS).hasValue(1);
        MissedRecurringTicks.assertTheNextTickWaits(jobs);
    }
}
