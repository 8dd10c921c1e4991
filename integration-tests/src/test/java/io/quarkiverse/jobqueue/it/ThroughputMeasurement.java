package io.quarkiverse.jobqueue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A measurement, not a test of speed: it runs only when asked for and asserts only that every job ran exactly once.
 * <pre>
 * ./mvnw -pl integration-tests -am test -Dtest=ThroughputMeasurement -Djobqueue.measure=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "jobqueue.measure", matches = "true")
class ThroughputMeasurement {

    static final int JOBS = 20_000;
    static final int WORKERS = 8;

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper mapper;

    @Test
    void noOpJobsWithEightWorkers() {
        Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>(JOBS * 2);
        AtomicInteger ran = new AtomicInteger();
        TimedStore timed = new TimedStore(store);
        JobEngine engine = StandaloneEngines.on(timed, mapper).concurrency(WORKERS)
                .engine("measure", "measure", "it-measure", (payload, context) -> {
                    runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
                    ran.incrementAndGet();
                    return null;
                });

        long enqueueStart = System.nanoTime();
        List<JobId> ids = jobs.enqueueAll("it-measure", Collections.nCopies(JOBS, null),
                JobOptions.defaults().queue("measure"));
        double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;

        long processStart = System.nanoTime();
        engine.start();
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> ran.get() >= JOBS);
            double processSeconds = (System.nanoTime() - processStart) / 1e9;
            await().atMost(Duration.ofMinutes(1)).until(() -> jobs.stats("measure").get(JobState.SUCCEEDED) == JOBS);

            assertThat(ids).allSatisfy(id -> assertThat(runs.get(id).get()).isEqualTo(1));
            System.out.println(timed.report());
            System.out.printf("RESULT store=postgresql metric=enqueue_jobs_per_s value=%.0f%n", JOBS / enqueueSeconds);
            System.out.printf("RESULT store=postgresql metric=process_jobs_per_s value=%.0f%n", JOBS / processSeconds);
        } finally {
            engine.stop();
        }
    }
}
