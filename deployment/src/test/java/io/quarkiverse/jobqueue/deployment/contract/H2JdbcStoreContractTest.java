package io.quarkiverse.jobqueue.deployment.contract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The JDBC store on an embedded H2 database, its table created from the DDL the extension ships, which Hibernate
 * validates against the entity at start-up. The database is a file under target/ rather than in memory: the test
 * and the application load H2 in different class loaders, which would each see an in-memory database of their own.
 */
class H2JdbcStoreContractTest extends JdbcStoreContract {

    static final String URL = "jdbc:h2:./target/h2-store-contract/store-contract";

    @RegisterExtension
    static final QuarkusUnitTest TEST = createTableOnce(new QuarkusUnitTest()
            // Hibernate ORM with Panache and the Redis client are both on the test class path.
            .overrideConfigKey("quarkus.job-queue.store", "jdbc")
            .withApplicationRoot(jar -> jar.addClasses(JobStoreContract.class, JdbcStoreContract.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", URL)
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "validate")
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false"));

    /**
     * Creates the table before the application starts. The class is initialised again in the application's class
     * loader once the application runs; a system property, shared by both, keeps that from dropping the table.
     */
    private static QuarkusUnitTest createTableOnce(QuarkusUnitTest test) {
        String key = H2JdbcStoreContractTest.class.getName() + ".table-created";
        if (System.getProperty(key) == null) {
            createTable();
            System.setProperty(key, "true");
        }
        return test;
    }

    private static void createTable() {
        try (Connection connection = DriverManager.getConnection(URL)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP ALL OBJECTS");
            }
            ShippedDdl.run(connection, "h2");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the job table in H2 at " + URL, e);
        }
    }
}
