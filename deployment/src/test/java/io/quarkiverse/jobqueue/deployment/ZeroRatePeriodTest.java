package io.quarkiverse.jobqueue.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A ratePeriod of zero fails the build. */
class ZeroRatePeriodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.invalidHandler(Handler.class, "zero-rate-period",
            "ratePeriod \"0s\" is not longer than zero: use a positive duration such as \"1m\"");

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "zero-rate-period", rateLimit = 10, ratePeriod = "0s")
        void handle() {
        }
    }
}
