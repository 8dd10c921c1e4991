package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.Recurring;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringJobs;
import io.quarkiverse.jobqueue.runtime.recurring.RecurringTicker;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @Recurring} jobs on H2 with running workers, in an application with no {@code @Scheduled} method, so the
 * Quarkus Scheduler starts only because the extension forces it.
 */
class RecurringJobsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("recurring-jobs", Handlers.class, Cleanup.class)
            .overrideConfigKey("quarkus.job-queue.recurring.\"recurring-overridden\".every", "1s")
            .overrideConfigKey("quarkus.job-queue.recurring.\"recurring-disabled\".enabled", "false");

    static final ConcurrentLinkedQueue<JobId> TICKS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Cleanup> PAYLOADS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Instant> OVERRIDDEN = new ConcurrentLinkedQueue<>();

    @Inject
    JobQueue jobs;

    @Inject
    RecurringJobs recurring;

    @Test
    void twoInstancesTickingOneTypeMakeOneJobPerTick() throws Exception {
        RecurringTicker scheduled = recurring.scheduled().stream().filter(t -> t.type().equals("recurring-tick"))
                .findFirst().orElseThrow();
        // A second instance: its own ticker, on a trigger of its own, against the same store.
        RecurringTicker otherInstance = new RecurringTicker(jobs, "recurring-tick", scheduled.schedule(), null);
        ScheduledExecutorService trigger = Executors.newSingleThreadScheduledExecutor();
        try {
            trigger.scheduleAtFixedRate(() -> otherInstance.enqueueNextTick(Instant.now()), 0, 137,
                    TimeUnit.MILLISECONDS);
            awaitRuns(TICKS, 4);
        } finally {
            trigger.shutdownNow();
        }

        List<JobInfo> all = jobs.list(null, null, 1000).stream().filter(j -> j.type().equals("recurring-tick"))
                .toList();
        Map<String, Long> perKey = all.stream().collect(Collectors.groupingBy(JobInfo::uniqueKey,
                Collectors.counting()));
        assertThat(perKey).as("jobs per tick").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(all).allSatisfy(job -> assertThat(job.uniqueKey())
                .isEqualTo(RecurringTicker.uniqueKey("recurring-tick", job.runAt())));
        assertThat(all).allSatisfy(job -> assertThat(job.runAt().toEpochMilli() % 2000).as("on a 2s tick").isZero());
        assertThat(TICKS).doesNotHaveDuplicates();
        assertThat(all).filteredOn(job -> job.state() == JobState.SCHEDULED).as("the next tick waits").isNotEmpty();
    }

    @Test
    void aFixedPayloadReachesTheHandler() throws Exception {
        awaitRuns(PAYLOADS, 1);

        assertThat(PAYLOADS.peek().days()).isEqualTo(30);
    }

    @Test
    void configurationOverridesTheScheduleAndDisables() throws Exception {
        awaitRuns(OVERRIDDEN, 1);

        assertThat(recurring.scheduled()).extracting(RecurringTicker::type)
                .containsExactlyInAnyOrder("recurring-tick", "recurring-cleanup", "recurring-overridden");
        assertThat(jobs.list(null, null, 1000)).noneMatch(job -> job.type().equals("recurring-disabled"));
    }

    private static void awaitRuns(ConcurrentLinkedQueue<?> runs, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (runs.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(count);
    }

    public record Cleanup(int days) {
    }

    static class Handlers {
        @Recurring(every = "2s")
        @JobHandler("recurring-tick")
        void tick(JobContext context) {
            TICKS.add(context.id());
        }

        @Recurring(every = "1s", payload = "{\"days\": 30}")
        @JobHandler("recurring-cleanup")
        void cleanup(Cleanup cleanup) {
            PAYLOADS.add(cleanup);
        }

        @Recurring(cron = "0 0 0 1 1 ? 2099")
        @JobHandler("recurring-overridden")
        void overridden() {
            OVERRIDDEN.add(Instant.now());
        }

        @Recurring(every = "1s")
        @JobHandler("recurring-disabled")
        void disabled() {
        }
    }
}
