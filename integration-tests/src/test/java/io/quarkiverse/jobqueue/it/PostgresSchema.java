package io.quarkiverse.jobqueue.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Creates the test schema from the DDL shipped in the extension's jar, so that the tests prove the DDL matches the
 * entity (Hibernate validates it at start-up) and claims run on the real partial indexes.
 */
public class PostgresSchema implements QuarkusTestResourceLifecycleManager {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    /** {@code JOBQUEUE_TEST_TAG} (lower-case letters) keeps runs in parallel checkouts apart. */
    static final String SCHEMA = "job_queue_it" + System.getenv().getOrDefault("JOBQUEUE_TEST_TAG", "");

    @Override
    public Map<String, String> start() {
        try (InputStream ddl = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("db/job-queue/postgresql/V1__job_queue.sql");
                Connection connection = DriverManager.getConnection(URL, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            if (ddl == null) {
                throw new IllegalStateException("db/job-queue/postgresql/V1__job_queue.sql is not on the class path");
            }
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot create the test schema on PostgreSQL at " + URL
                    + " (is it running? see .ci/run)", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
