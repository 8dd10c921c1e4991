package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;

/** A handler returning something other than void, CompletionStage or Uni fails the build. */
class UnsupportedReturnTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("unsupported-return-type", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"returns-string\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it returns java.lang.String: return void, CompletionStage<?> or Uni<?>"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("returns-string")
        String handle() {
            return "done";
        }
    }
}
