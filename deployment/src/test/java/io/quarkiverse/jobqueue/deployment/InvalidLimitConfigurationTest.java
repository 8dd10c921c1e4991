package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** Invalid limits of job types fail start-up, naming every bad key; a configured rate limit needs a period. */
class InvalidLimitConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-limit-configuration", Handler.class)
            .overrideConfigKey("quarkus.job-queue.types.\"limited\".max-concurrency", "0")
            .overrideConfigKey("quarkus.job-queue.types.\"limited\".rate-limit", "-1")
            .overrideConfigKey("quarkus.job-queue.types.\"limited\".rate-period", "0s")
            .overrideConfigKey("quarkus.job-queue.types.\"unperiodic\".rate-limit", "10")
            .assertException(t -> assertThat(TestApps.messages(t))
                    .contains("quarkus.job-queue.types.\"limited\".max-concurrency is 0: it must be at least 1")
                    .contains("quarkus.job-queue.types.\"limited\".rate-limit is -1: it must be at least 1")
                    .contains("quarkus.job-queue.types.\"limited\".rate-period is PT0S: it must be longer than zero")
                    .contains("quarkus.job-queue.types.\"unperiodic\".rate-limit is 10 but no rate period is set: "
                            + "set quarkus.job-queue.types.\"unperiodic\".rate-period, e.g. 1m"));

    @Test
    void startFails() {
        fail("Start-up should have failed");
    }

    static class Handler {
        @JobHandler("limited")
        void handle() {
        }
    }
}
