package io.quarkiverse.jobqueue.deployment.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The JDBC store on PostgreSQL (127.0.0.1:5432, see .ci/run), in a schema of its own created from the DDL the
 * extension ships, which Hibernate validates against the entity at start-up.
 */
class PostgreSqlJdbcStoreContractTest extends JdbcStoreContract {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    /** {@code JOBQUEUE_TEST_TAG} (lower-case letters) keeps runs in parallel checkouts apart. */
    static final String SCHEMA = "contract_pg" + System.getenv().getOrDefault("JOBQUEUE_TEST_TAG", "");

    @RegisterExtension
    static final QuarkusUnitTest TEST = createSchemaOnce(new QuarkusUnitTest()
            // Hibernate ORM with Panache and the Redis client are both on the test class path.
            .overrideConfigKey("quarkus.job-queue.store", "jdbc")
            .withApplicationRoot(jar -> jar.addClasses(JobStoreContract.class, JdbcStoreContract.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", SERVER + "?currentSchema=" + SCHEMA)
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.datasource.password", "postgres")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "validate")
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false"));

    /**
     * Creates the schema before the application starts. The class is initialised again in the application's class
     * loader once the application runs; a system property, shared by both, keeps that from dropping the table.
     */
    private static QuarkusUnitTest createSchemaOnce(QuarkusUnitTest test) {
        String key = PostgreSqlJdbcStoreContractTest.class.getName() + ".schema-created";
        if (System.getProperty(key) == null) {
            createSchema();
            System.setProperty(key, "true");
        }
        return test;
    }

    private static void createSchema() {
        try (InputStream ddl = PostgreSqlJdbcStoreContractTest.class.getClassLoader()
                .getResourceAsStream("db/job-queue/postgresql/V1__job_queue.sql");
                Connection connection = DriverManager.getConnection(SERVER, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            if (ddl == null) {
                throw new IllegalStateException("db/job-queue/postgresql/V1__job_queue.sql is not on the class path");
            }
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot create the schema " + SCHEMA + " on PostgreSQL at " + SERVER
                    + " (is it running? see .ci/run)", e);
        }
    }
}
