package io.quarkiverse.jobqueue.deployment.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/** Runs a DDL file the extension ships ({@code db/job-queue/<database>/V1__job_queue.sql}) one statement at a time. */
final class ShippedDdl {

    private ShippedDdl() {
    }

    static void run(Connection connection, String database) throws SQLException {
        String resource = "db/job-queue/" + database + "/V1__job_queue.sql";
        String script;
        try (InputStream ddl = ShippedDdl.class.getClassLoader().getResourceAsStream(resource)) {
            if (ddl == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            script = new String(ddl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        // Whole-line comments only, then one statement per semicolon: not every driver takes a script at once.
        String withoutComments = script.lines().filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        try (Statement statement = connection.createStatement()) {
            for (String sql : withoutComments.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
