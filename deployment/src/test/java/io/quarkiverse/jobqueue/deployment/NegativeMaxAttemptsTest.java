package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A negative maxAttempts fails the build. */
class NegativeMaxAttemptsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("negative-max-attempts", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"negative-attempts\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("maxAttempts is -1: use 0 for quarkus.job-queue.retry.max-attempts, or 1 or more"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "negative-attempts", maxAttempts = -1)
        void handle() {
        }
    }
}
