package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The applications tests build: the job queue on an in-memory H2 database of its own, or on the Redis store; with
 * Dev Services off and no spans (quarkus-opentelemetry is on the test class path) unless a test wants them.
 */
public final class TestApps {

    private TestApps() {
    }

    /**
     * An application with these classes and an H2 database named after the test. Failing builds need the datasource
     * too (the store maps its entity into the default persistence unit) but never connect to it.
     */
    public static QuarkusUnitTest h2(String database, Class<?>... classes) {
        return h2(database, jar -> {
        }, classes);
    }

    /** An application as {@link #h2(String, Class[])}, with more in its archive (resources, for example). */
    public static QuarkusUnitTest h2(String database, Consumer<JavaArchive> archive, Class<?>... classes) {
        return new QuarkusUnitTest()
                // Hibernate ORM with Panache and the Redis client are both on the test class path.
                .overrideConfigKey("quarkus.job-queue.store", "jdbc")
                .withApplicationRoot(jar -> archive.accept(jar.addClasses(classes).addClass(TestApps.class)))
                .overrideConfigKey("quarkus.datasource.db-kind", "h2")
                .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1")
                .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
                .overrideConfigKey("quarkus.devservices.enabled", "false")
                .overrideConfigKey("quarkus.job-queue.poll-interval", "100ms")
                .overrideConfigKey("quarkus.otel.sdk.disabled", "true");
    }

    /** An application with these classes on the Redis store, through the default client at {@code url}. */
    public static QuarkusUnitTest redis(String url, Class<?>... classes) {
        return redisStore(classes).overrideConfigKey("quarkus.redis.hosts", url);
    }

    /** An application with these classes on the Redis store, whose client the test configures. */
    public static QuarkusUnitTest redisStore(Class<?>... classes) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(classes).addClass(TestApps.class))
                .overrideConfigKey("quarkus.devservices.enabled", "false")
                .overrideConfigKey("quarkus.job-queue.store", "redis")
                .overrideConfigKey("quarkus.otel.sdk.disabled", "true");
    }

    /**
     * A build of {@code handler}, whose method {@code handle()} handles {@code type}, that must fail with one problem:
     * that handler is invalid because of {@code reason}.
     */
    static QuarkusUnitTest invalidHandler(Class<?> handler, String type, String reason) {
        return h2(type, handler).assertException(t -> assertThat(deploymentProblems(t)).singleElement(STRING)
                .contains("@JobHandler(\"" + type + "\") on " + handler.getName() + "#handle() is invalid")
                .contains(reason));
    }

    /**
     * The messages of a failed build: the thrown exception, then its causes and suppressed exceptions, depth first,
     * one per line. ArC reports one validation error as the cause of its DeploymentException and several as
     * suppressed exceptions; either way the extension's message is in here.
     */
    static String messages(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        collect(thrown, lines, Collections.newSetFromMap(new IdentityHashMap<>()));
        return String.join("\n", lines);
    }

    private static void collect(Throwable t, List<String> lines, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        lines.add(t.getClass().getName() + ": " + t.getMessage());
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, lines, seen);
        }
        collect(t.getCause(), lines, seen);
    }

    /**
     * The problems a failed build reported: the causes ArC wrapped in its {@link DeploymentException}, one when
     * there was one problem (its cause) and one per problem when there were several (its suppressed exceptions).
     */
    static List<String> deploymentProblems(Throwable thrown) {
        assertThat(thrown).as(messages(thrown)).isInstanceOf(DeploymentException.class);
        List<String> problems = new ArrayList<>();
        for (Throwable suppressed : thrown.getSuppressed()) {
            problems.add(suppressed.getMessage());
        }
        if (problems.isEmpty() && thrown.getCause() != null) {
            problems.add(thrown.getCause().getMessage());
        }
        return problems;
    }

    /** Polls until the job ends, and asserts it SUCCEEDED. */
    public static JobInfo awaitSucceeded(JobQueue jobs, JobId id) throws InterruptedException {
        return awaitEnd(jobs, id, JobState.SUCCEEDED);
    }

    /** Polls until the job ends (or 10 s pass), and asserts it ended in {@code end}. */
    public static JobInfo awaitEnd(JobQueue jobs, JobId id, JobState end) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JobInfo job = jobs.find(id).orElseThrow();
        while (job.state().isActive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = jobs.find(id).orElseThrow();
        }
        assertThat(job.state()).as("state of job %s (%s), last error: %s", id, job.type(), job.lastError())
                .isEqualTo(end);
        return job;
    }

    /**
     * A job of {@code type} in {@code queue} (of 3 attempts) that another instance claimed with a lease of a
     * millisecond and then crashed: this instance's maintenance finds its lease expired.
     */
    public static JobId claimedByACrashedInstance(JobStore store, String type, String queue) {
        JobId id = JobId.newId();
        // Claimed a little later: a store may round the run time up to its precision.
        Instant now = Instant.now();
        store.insert(List.of(new NewJob(id, type, queue, 0, 3, now, now, "\"e\"")), () -> {
        });
        assertThat(store.claim(queue, List.of(type), 1, "crashed-instance", now.plusMillis(1), now.plusMillis(2)))
                .singleElement().satisfies(claimed -> assertThat(claimed.id()).isEqualTo(id));
        return id;
    }
}
