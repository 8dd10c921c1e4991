package io.quarkiverse.jobqueue.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;

/** Waiting for jobs in tests. */
final class Jobs {

    private Jobs() {
    }

    static JobInfo awaitState(JobQueue jobs, JobId id, JobState state) {
        return awaitState(jobs, id, state, Duration.ofSeconds(20));
    }

    static JobInfo awaitState(JobQueue jobs, JobId id, JobState state, Duration timeout) {
        await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.find(id).map(JobInfo::state).orElse(null) == state);
        return jobs.find(id).orElseThrow();
    }
}
