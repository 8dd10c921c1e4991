package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkus.test.QuarkusUnitTest;

/** quarkus.job-queue.jdbc.persistence-unit puts the job table in a named persistence unit. */
class NamedPersistenceUnitTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            // Hibernate ORM with Panache and the Redis client are both on the test class path.
            .overrideConfigKey("quarkus.job-queue.store", "jdbc")
            .withApplicationRoot(root -> root.addClasses(Handler.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.datasource.jobs.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jobs.jdbc.url", "jdbc:h2:mem:named-pu;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.jobs.datasource", "jobs")
            .overrideConfigKey("quarkus.hibernate-orm.jobs.schema-management.strategy", "drop-and-create")
            // An application with named persistence units maps its own entities with .packages (Quarkus requires it).
            .overrideConfigKey("quarkus.hibernate-orm.jobs.packages", "io.quarkiverse.jobqueue.deployment")
            .overrideConfigKey("quarkus.job-queue.jdbc.persistence-unit", "jobs")
            .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms");

    public static class Handler {
        volatile String received;

        @JobHandler("named-pu")
        void handle(String payload) {
            received = payload;
        }
    }

    @Inject
    JobQueue jobs;

    @Inject
    Handler handler;

    @Test
    void jobsLiveInTheNamedPersistenceUnit() throws InterruptedException {
        JobId id = jobs.enqueue("named-pu", "hello");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (jobs.find(id).map(JobInfo::state).orElse(null) != JobState.SUCCEEDED && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(handler.received).isEqualTo("hello");
    }
}
