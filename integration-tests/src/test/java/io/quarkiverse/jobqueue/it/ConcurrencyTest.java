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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.engine.HandlerInvocation;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConcurrencyTest {

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    TestHandlers handlers;

    @Test
    void twoThousandJobsWithEightWorkersEachRunExactlyOnce() {
        List<JobId> ids = jobs.enqueueAll("it-count", Collections.nCopies(2_000, null));

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(handlers.runs::containsKey)
                && jobs.stats("default").get(JobState.RUNNING) == 0);

        assertThat(ids).allSatisfy(id -> assertThat(handlers.runs.get(id).get()).as("runs of %s", id).isEqualTo(1));
        assertThat(jobs.find(ids.get(1999)).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void twoEnginesOnOneTableNeverRunAJobTwice() {
        Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<JobId, String> ranOn = new ConcurrentHashMap<>();
        StandaloneEngines instances = StandaloneEngines.on(store, mapper).concurrency(4);
        JobEngine first = instances.engine("instance-a", "shared", "it-shared", counting(runs, ranOn, "a"));
        JobEngine second = instances.engine("instance-b", "shared", "it-shared", counting(runs, ranOn, "b"));
        first.start();
        second.start();
        try {
            List<JobId> ids = jobs.enqueueAll("it-shared", Collections.nCopies(2_000, null),
                    JobOptions.defaults().queue("shared"));

            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(runs::containsKey));
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.stats("shared").get(JobState.SUCCEEDED) >= 2_000);

            assertThat(ids).allSatisfy(id -> assertThat(runs.get(id).get()).as("runs of %s", id).isEqualTo(1));
            assertThat(ranOn.values()).as("both instances took work").contains("a", "b");
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static HandlerInvocation counting(Map<JobId, AtomicInteger> runs, Map<JobId, String> ranOn, String name) {
        return (payload, context) -> {
            runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
            ranOn.put(context.id(), name);
            return null;
        };
    }
}
