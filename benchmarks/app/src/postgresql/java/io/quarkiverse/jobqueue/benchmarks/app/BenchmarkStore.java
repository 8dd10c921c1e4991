package io.quarkiverse.jobqueue.benchmarks.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL build's store: the benchmark's own schema, created from the DDL the extension ships, emptied before
 * each measurement but the producers'.
 */
final class BenchmarkStore {

    /** The {@code "store"} of the BENCH lines. */
    static final String NAME = "postgresql";
    static final String SCHEMA = "bench_extension";

    private BenchmarkStore() {
    }

    static void prepare(Options options) {
        String url = env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        try (Connection connection = DriverManager.getConnection(url, env("BENCH_DB_USER", "postgres"),
                env("BENCH_DB_PASSWORD", "postgres")); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            boolean exists;
            try (ResultSet rows = statement.executeQuery("SELECT to_regclass('" + SCHEMA + ".job_queue_job')")) {
                rows.next();
                exists = rows.getString(1) != null;
            }
            if (!exists) {
                statement.execute(ddl());
            }
            if (options.startsClean()) {
                statement.execute("TRUNCATE job_queue_job");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot prepare schema " + SCHEMA + " at " + url, e);
        }
    }

    /** PostgreSQL runs a process per connection: its CPU time is not read here. */
    static ServerCpu serverCpu() {
        return () -> Double.NaN;
    }

    private static String ddl() throws IOException {
        try (InputStream in = BenchmarkStore.class.getClassLoader()
                .getResourceAsStream("db/job-queue/postgresql/V1__job_queue.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
