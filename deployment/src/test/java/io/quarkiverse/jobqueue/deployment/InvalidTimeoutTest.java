package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler timeout that is not a positive duration fails the build, naming the handler and the fix. */
class InvalidTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("invalid-timeout", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).satisfiesExactlyInAnyOrder(
                    zero -> assertThat(zero)
                            .contains("@JobHandler(\"zero-timeout\") on " + Handler.class.getName() + "#zero()")
                            .contains("its timeout \"0s\" is not positive: give an attempt more than zero time"),
                    negative -> assertThat(negative).contains("@JobHandler(\"negative-timeout\")")
                            .contains("its timeout \"-5s\" is not positive"),
                    garbage -> assertThat(garbage).contains("@JobHandler(\"garbage-timeout\")")
                            .contains("its timeout \"soon\" is not a duration: write e.g. \"30s\", \"5m\" or \"PT1H\"")));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "zero-timeout", timeout = "0s")
        void zero() {
        }

        @JobHandler(value = "negative-timeout", timeout = "-5s")
        void negative() {
        }

        @JobHandler(value = "garbage-timeout", timeout = "soon")
        void garbage() {
        }
    }
}
