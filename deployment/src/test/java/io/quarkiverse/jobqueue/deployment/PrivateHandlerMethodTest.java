package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A private handler method fails the build: its invoker could not call it. */
class PrivateHandlerMethodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("private-handler-method", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"private\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it is private: make it package-private, protected or public"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("private")
        private void handle() {
        }
    }
}
