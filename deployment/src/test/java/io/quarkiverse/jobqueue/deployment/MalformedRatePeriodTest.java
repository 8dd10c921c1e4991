package io.quarkiverse.jobqueue.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A ratePeriod that is not a duration fails the build. */
class MalformedRatePeriodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.invalidHandler(Handler.class, "malformed-rate-period",
            "ratePeriod \"soon\" is not a duration: use e.g. \"1m\", \"10s\" or \"PT1H\"");

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "malformed-rate-period", rateLimit = 10, ratePeriod = "soon")
        void handle() {
        }
    }
}
