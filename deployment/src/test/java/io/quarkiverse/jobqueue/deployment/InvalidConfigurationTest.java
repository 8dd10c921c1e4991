package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** Invalid configuration values fail start-up, naming every bad key and why. */
class InvalidConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-configuration", Handler.class)
            .overrideConfigKey("quarkus.job-queue.concurrency", "0")
            .overrideConfigKey("quarkus.job-queue.retry.max-backoff", "10ms")
            .overrideConfigKey("quarkus.job-queue.timeout", "0s")
            .assertException(t -> assertThat(TestApps.messages(t))
                    .contains("quarkus.job-queue.timeout is PT0S: it must be longer than zero")
                    .contains("quarkus.job-queue.concurrency is 0: it must be at least 1")
                    .contains("quarkus.job-queue.retry.max-backoff (PT0.01S) is shorter than "
                            + "quarkus.job-queue.retry.initial-backoff (PT1S)"));

    @Test
    void startFails() {
        fail("Start-up should have failed");
    }

    static class Handler {
        @JobHandler("configured")
        void handle() {
        }
    }
}
