package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A ratePeriod of zero fails the build. */
class ZeroRatePeriodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("zero-rate-period", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"zero-rate-period\") on " + Handler.class.getName()
                            + "#handle() is invalid")
                    .contains("ratePeriod \"0s\" is not longer than zero: use a positive duration such as \"1m\""));

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
