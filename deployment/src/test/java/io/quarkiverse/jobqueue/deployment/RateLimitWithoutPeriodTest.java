package io.quarkiverse.jobqueue.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A rateLimit without a ratePeriod fails the build. */
class RateLimitWithoutPeriodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.invalidHandler(Handler.class, "rate-limit-without-period",
            "rateLimit is 10 without a ratePeriod: add one, e.g. ratePeriod = \"1m\"");

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "rate-limit-without-period", rateLimit = 10)
        void handle() {
        }
    }
}
