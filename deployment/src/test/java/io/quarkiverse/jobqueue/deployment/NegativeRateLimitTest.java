package io.quarkiverse.jobqueue.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A negative rateLimit fails the build. */
class NegativeRateLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.invalidHandler(Handler.class, "negative-rate-limit",
            "rateLimit is -5: use 1 or more, or 0 for no limit");

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "negative-rate-limit", rateLimit = -5, ratePeriod = "1m")
        void handle() {
        }
    }
}
