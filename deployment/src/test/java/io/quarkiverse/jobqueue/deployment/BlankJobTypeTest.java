package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler whose job type is blank fails the build. */
class BlankJobTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("blank-job-type", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\" \") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("its job type is blank: name it, e.g. @JobHandler(\"send-email\")"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(" ")
        void handle() {
        }
    }
}
