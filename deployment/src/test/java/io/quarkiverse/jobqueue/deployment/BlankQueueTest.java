package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler naming a blank queue fails the build. */
class BlankQueueTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("blank-queue", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"blank-queue\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("its queue is blank: name a queue, or leave queue out for \"default\""));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler(value = "blank-queue", queue = " ")
        void handle() {
        }
    }
}
