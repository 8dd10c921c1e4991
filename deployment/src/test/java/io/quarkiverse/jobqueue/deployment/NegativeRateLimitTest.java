package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A negative rateLimit fails the build. */
class NegativeRateLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("negative-rate-limit", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"negative-rate-limit\") on " + Handler.class.getName()
                            + "#handle() is invalid")
                    .contains("rateLimit is -5: use 1 or more, or 0 for no limit"));

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
