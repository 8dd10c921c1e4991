package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Handlers may return values, stored as the job's JSON result; a job's timeout comes from its options, else its
 * handler's annotation, else {@code quarkus.job-queue.timeout}, and is stored with it.
 */
class ResultAndTimeoutShapesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("result-timeout-shapes", Handlers.class, Report.class)
            .overrideConfigKey("quarkus.job-queue.timeout", "7s");

    @Inject
    JobQueue jobs;

    @Test
    void aReturnedRecordIsStoredAsJson() throws Exception {
        JobId id = jobs.enqueue("returns-record", "weekly");

        assertThat(TestApps.awaitSucceeded(jobs, id).result()).isEqualTo("{\"name\":\"weekly\",\"pages\":7}");
    }

    @Test
    void aReturnedPrimitiveIsStoredAsJson() throws Exception {
        JobId id = jobs.enqueue("returns-int", null);

        assertThat(TestApps.awaitSucceeded(jobs, id).result()).isEqualTo("42");
    }

    @Test
    void aReturnedNullStoresNoResult() throws Exception {
        JobId id = jobs.enqueue("returns-null", null);

        assertThat(TestApps.awaitSucceeded(jobs, id).result()).isNull();
    }

    @Test
    void theTimeoutComesFromTheOptionsThenTheAnnotationThenTheConfiguration() throws Exception {
        JobId annotated = jobs.enqueue("returns-int", null);
        JobId configured = jobs.enqueue("returns-null", null);
        JobId optioned = jobs.enqueue("returns-int", null, JobOptions.defaults().timeout(Duration.ofMillis(1500)));
        JobId subMillisecond = jobs.enqueue("returns-int", null, JobOptions.defaults().timeout(Duration.ofNanos(5)));

        assertThat(jobs.find(annotated).orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(jobs.find(configured).orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(jobs.find(optioned).orElseThrow().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(jobs.find(subMillisecond).orElseThrow().timeout()).as("never rounded down to no limit")
                .isEqualTo(Duration.ofMillis(1));
        for (JobId id : new JobId[] { annotated, configured, optioned }) {
            TestApps.awaitSucceeded(jobs, id);
        }
    }

    public record Report(String name, int pages) {
    }

    static class Handlers {

        @JobHandler("returns-record")
        Report report(String name) {
            return new Report(name, 7);
        }

        @JobHandler(value = "returns-int", timeout = "3s")
        int answer() {
            return 42;
        }

        @JobHandler("returns-null")
        String nothing() {
            return null;
        }
    }
}
