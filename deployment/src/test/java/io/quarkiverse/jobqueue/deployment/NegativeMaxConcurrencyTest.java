package io.quarkiverse.jobqueue.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A negative maxConcurrency fails the build. */
class NegativeMaxConcurrencyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.invalidHandler(Handler.class, "negative-max-concurrency",
            "maxConcurrency is -1: use 1 or more, or 0 for no limit");

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "negative-max-concurrency", maxConcurrency = -1)
        void handle() {
        }
    }
}
