package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler declaring JobContext twice fails the build. */
class DuplicateJobContextTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("duplicate-job-context", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"two-contexts\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it takes JobContext twice: declare it once"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("two-contexts")
        void handle(JobContext first, JobContext second) {
        }
    }
}
