package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Jobs survive a Redis restart when Redis runs with AOF ({@code appendonly yes}): a Redis server of this test's own,
 * with {@code appendfsync always}, is killed (SIGKILL, no chance to save) with jobs in every state, started again on
 * the same files, and every job is found as it was, then claimed exactly once. The scripts, which Redis forgets on a
 * restart, are loaded again on {@code NOSCRIPT}.
 */
class RedisRestartTest {

    static final OwnRedisServer REDIS = OwnRedisServer.startOnce(RedisRestartTest.class);
    static final String OWNER = "restart-owner";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis(REDIS.url(), OwnRedisServer.class)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false")
            .setAfterAllCustomizer(REDIS::killAndDelete);

    @Inject
    JobStore store;

    @Test
    void everyJobSurvivesARestartWithAof() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            jobs.add(job(now, now));
        }
        for (int i = 0; i < 20; i++) {
            jobs.add(job(now.plus(Duration.ofHours(1)), now));
        }
        store.insert(jobs, () -> {
        });
        List<ClaimedJob> running = store.claim("default", List.of("restart"), 30, OWNER, now, now.plusSeconds(3600));
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(new Outcome.Succeeded(running.get(i).id(), now, true, null));
        }
        for (int i = 10; i < 20; i++) {
            outcomes.add(new Outcome.Failed(running.get(i).id(), i < 15 ? JobState.RETRYING : JobState.DEAD,
                    now.plusSeconds(60), now, "boom", null));
        }
        store.record(outcomes, OWNER);
        Map<JobId, JobState> before = states(jobs, now);
        assertThat(new HashSet<>(before.values())).containsExactlyInAnyOrder(JobState.PENDING, JobState.SCHEDULED,
                JobState.RUNNING, JobState.SUCCEEDED, JobState.RETRYING, JobState.DEAD);

        REDIS.kill();
        REDIS.start();

        assertThat(eventually(() -> states(jobs, now))).isEqualTo(before);
        Set<JobId> claimed = new HashSet<>();
        Instant later = now.plus(Duration.ofHours(2));
        for (List<ClaimedJob> batch = claimAll(later); !batch.isEmpty(); batch = claimAll(later)) {
            batch.forEach(job -> assertThat(claimed.add(job.id())).as("claimed twice: %s", job.id()).isTrue());
        }
        // Pending (70), scheduled (20) and retrying (5) jobs: all runnable ones, each once.
        assertThat(claimed).hasSize(95);
    }

    private List<ClaimedJob> claimAll(Instant now) {
        return store.claim("default", List.of("restart"), 50, OWNER, now, now.plusSeconds(3600));
    }

    private Map<JobId, JobState> states(List<NewJob> jobs, Instant now) {
        Map<JobId, JobState> states = new HashMap<>();
        for (NewJob job : jobs) {
            states.put(job.id(), store.find(job.id(), now).map(JobInfo::state).orElse(null));
        }
        return states;
    }

    /** The client reconnects on the first calls after the restart; those may fail. */
    private static <T> T eventually(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (JobStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static NewJob job(Instant runAt, Instant createdAt) {
        return new NewJob(JobId.newId(), "restart", "default", 0, 3, runAt, createdAt, "{}");
    }
}
