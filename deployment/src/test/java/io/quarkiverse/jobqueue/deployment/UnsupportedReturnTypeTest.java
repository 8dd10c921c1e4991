package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/** A handler returning a stream fails the build: a job stores one result. */
class UnsupportedReturnTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("unsupported-return-type", Handler.class)
            .assertException(t -> assertThat(TestApps.deploymentProblems(t)).singleElement(STRING)
                    .contains("@JobHandler(\"returns-stream\") on " + Handler.class.getName() + "#handle() is invalid")
                    .contains("it returns io.smallrye.mutiny.Multi<java.lang.String>, a stream, but a job stores one "
                            + "result: return void, a value, or a Uni or CompletionStage of one"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("returns-stream")
        Multi<String> handle() {
            return Multi.createFrom().items("a", "b");
        }
    }
}
