package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.QuarkusUnitTest;

/** By default a tick missed while no instance ran is skipped: its job is cancelled at start-up, not run. */
class SkipMissedTickTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = MissedRecurringTicks.app("skip-missed-tick");

    @Inject
    JobQueue jobs;

    @Test
    void theMissedTicksJobIsCancelledAndTheNextTickWaits() throws Exception {
        assertThat(jobs.find(MissedRecurringTicks.MISSED_JOB).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        Thread.sleep(500);
        assertThat(MissedRecurringTicks.RUNS).hasValue(0);
        MissedRecurringTicks.assertTheNextTickWaits(jobs);
    }
}
