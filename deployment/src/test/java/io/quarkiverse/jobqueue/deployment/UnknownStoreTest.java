package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.job-queue.store} naming a store that does not exist fails the build, naming the value and the store
 * to use. The store step throws before ArC validates, so the build fails with the ConfigurationException itself.
 */
class UnknownStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.h2("unknown-store", Handler.class)
            .overrideConfigKey("quarkus.job-queue.store", "unknown")
            .assertException(t -> assertThat(t).as(TestApps.messages(t))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.job-queue.store=unknown is not a known store")
                    .hasMessageContaining("use jdbc (Hibernate ORM with Panache and a JDBC driver)"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    static class Handler {
        @JobHandler("valid")
        void handle() {
        }
    }
}
