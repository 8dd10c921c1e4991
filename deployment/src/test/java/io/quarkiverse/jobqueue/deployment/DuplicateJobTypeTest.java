package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** Two beans handling the same job type fail the build naming both methods. */
class DuplicateJobTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("duplicate-job-type", First.class, Second.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("Job type \"report\" is handled by both ")
                    .contains(First.class.getName() + "#handle()")
                    .contains(Second.class.getName() + "#handle()")
                    .contains("job types must be unique in the application; rename one of them"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class First {
        @JobHandler("report")
        void handle() {
        }
    }

    static class Second {
        @JobHandler("report")
        void handle() {
        }
    }
}
