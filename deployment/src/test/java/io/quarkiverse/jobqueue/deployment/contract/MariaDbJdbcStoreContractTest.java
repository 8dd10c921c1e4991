package io.quarkiverse.jobqueue.deployment.contract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The JDBC store on MariaDB (127.0.0.1:3306, see .ci/services.sh), in a database of its own created from the DDL the
 * extension ships, which Hibernate validates against the entity at start-up.
 */
class MariaDbJdbcStoreContractTest extends JdbcStoreContract {

    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    /** {@code JOBQUEUE_TEST_TAG} (lower-case letters) keeps runs in parallel checkouts apart. */
    static final String DATABASE = "contract_mariadb" + System.getenv().getOrDefault("JOBQUEUE_TEST_TAG", "");

    @RegisterExtension
    static final QuarkusUnitTest TEST = createDatabaseOnce(new QuarkusUnitTest()
            // Hibernate ORM with Panache and the Redis client are both on the test class path.
            .overrideConfigKey("quarkus.job-queue.store", "jdbc")
            .withApplicationRoot(jar -> jar.addClasses(JobStoreContract.class, JdbcStoreContract.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.datasource.db-kind", "mariadb")
            // 10.7 and later have the native uuid type the shipped DDL uses; Hibernate maps UUID to it from there.
            .overrideConfigKey("quarkus.datasource.db-version", "10.7")
            .overrideConfigKey("quarkus.datasource.jdbc.url", SERVER + DATABASE)
            .overrideConfigKey("quarkus.datasource.username", "root")
            .overrideConfigKey("quarkus.datasource.password", "")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "validate")
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false"));

    /**
     * Creates the database before the application starts. The class is initialised again in the application's class
     * loader once the application runs; a system property, shared by both, keeps that from dropping the table.
     */
    private static QuarkusUnitTest createDatabaseOnce(QuarkusUnitTest test) {
        String key = MariaDbJdbcStoreContractTest.class.getName() + ".database-created";
        if (System.getProperty(key) == null) {
            createDatabase();
            System.setProperty(key, "true");
        }
        return test;
    }

    private static void createDatabase() {
        try (Connection connection = DriverManager.getConnection(SERVER, "root", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
                statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
            }
            connection.setCatalog(DATABASE);
            ShippedDdl.run(connection, "mariadb");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + DATABASE + " on MariaDB at " + SERVER
                    + " (is it running? see .ci/services.sh)", e);
        }
    }
}
