package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A payload whose type is a type variable fails the build: there is no type to read the JSON as. */
class TypeVariablePayloadTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("type-variable-payload", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"generic\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("its payload parameter payload has type T, which cannot be read from JSON")
                    .contains("use a concrete type such as a record"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("generic")
        <T> void handle(T payload) {
        }
    }
}
