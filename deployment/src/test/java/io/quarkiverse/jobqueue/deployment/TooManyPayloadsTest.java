package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler with two payload parameters fails the build naming both. */
class TooManyPayloadsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("too-many-payloads", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"two-payloads\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it has 2 payload parameters first (java.lang.String), second (java.lang.Integer)")
                    .contains("a handler takes at most one payload and one JobContext; wrap the values in one record"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("two-payloads")
        void handle(String first, Integer second) {
        }
    }
}
