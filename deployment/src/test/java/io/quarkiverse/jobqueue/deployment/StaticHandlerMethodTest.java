package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A static handler method fails the build: handlers are methods of a bean. */
class StaticHandlerMethodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("static-handler-method", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"static\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it is static: make it an instance method of the bean"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("static")
        static void handle() {
        }
    }
}
