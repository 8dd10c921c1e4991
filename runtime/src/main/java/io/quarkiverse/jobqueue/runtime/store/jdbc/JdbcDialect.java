package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;

/**
 * The SQL that differs between databases. Claiming takes one statement on PostgreSQL and three elsewhere; both
 * lock with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never take the same row.
 */
abstract class JdbcDialect {

    static final String TABLE = JobEntity.TABLE;
    static final String CLAIMED_COLUMNS = "id, job_type, queue_name, priority, attempt, max_attempts, run_at, "
            + "created_at, started_at, payload, attempts";

    static JdbcDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? new PostgreSqlDialect() : new StandardDialect();
    }

    /**
     * Locks up to {@code limit} rows matching {@code where}, skipping rows other transactions hold, applies
     * {@code set} to them and returns them.
     */
    abstract List<ClaimedJob> updateLocked(Connection connection, String where, List<Object> whereParameters,
            String orderBy, int limit, String set, List<Object> setParameters) throws SQLException;

    /** Tells other processes listening to the database that jobs arrived in these queues, at commit. */
    void notifyQueues(Connection connection, Collection<String> queues) throws SQLException {
    }

    /** Whether {@link #notifyQueues} reaches other processes. */
    boolean canNotify() {
        return false;
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static void bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
        int index = first;
        for (Object value : values) {
            bind(statement, index++, value);
        }
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof JobId id) {
            statement.setObject(index, id.uuid());
        } else if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static List<ClaimedJob> readClaimed(ResultSet rows) throws SQLException {
        List<ClaimedJob> jobs = new ArrayList<>();
        while (rows.next()) {
            jobs.add(new ClaimedJob(JobId.of(rows.getObject("id", UUID.class)), rows.getString("job_type"),
                    rows.getString("queue_name"), rows.getInt("priority"), rows.getInt("attempt"),
                    rows.getInt("max_attempts"), instant(rows, "run_at"), instant(rows, "created_at"),
                    instant(rows, "started_at"), rows.getString("payload"), rows.getString("attempts")));
        }
        return jobs;
    }

    /** PostgreSQL: one statement; {@code = ANY(ARRAY(...))} avoids the slow plan of {@code IN (SELECT ...)}. */
    static final class PostgreSqlDialect extends JdbcDialect {

        static final String CHANNEL = "job_queue";

        @Override
        List<ClaimedJob> updateLocked(Connection connection, String where, List<Object> whereParameters,
                String orderBy, int limit, String set, List<Object> setParameters) throws SQLException {
            String sql = "UPDATE " + TABLE + " SET " + set + " WHERE id = ANY(ARRAY(SELECT id FROM " + TABLE
                    + " WHERE " + where + " ORDER BY " + orderBy + " LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING "
                    + CLAIMED_COLUMNS;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, 1, setParameters);
                bind(statement, 1 + setParameters.size(), whereParameters);
                statement.setInt(1 + setParameters.size() + whereParameters.size(), limit);
                try (ResultSet rows = statement.executeQuery()) {
                    return readClaimed(rows);
                }
            }
        }

        @Override
        void notifyQueues(Connection connection, Collection<String> queues) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                for (String queue : queues) {
                    statement.setString(1, queue);
                    statement.execute();
                }
            }
        }

        @Override
        boolean canNotify() {
            return true;
        }
    }

    /** H2, MariaDB, MySQL: lock the ids, update them, read them back, in the caller's transaction. */
    static final class StandardDialect extends JdbcDialect {

        @Override
        List<ClaimedJob> updateLocked(Connection connection, String where, List<Object> whereParameters,
                String orderBy, int limit, String set, List<Object> setParameters) throws SQLException {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + TABLE + " WHERE " + where
                    + " ORDER BY " + orderBy + " LIMIT ? FOR UPDATE SKIP LOCKED")) {
                bind(select, 1, whereParameters);
                select.setInt(1 + whereParameters.size(), limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            String idList = " WHERE id IN (" + placeholders(ids.size()) + ")";
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET " + set + idList)) {
                bind(update, 1, setParameters);
                bind(update, 1 + setParameters.size(), ids);
                update.executeUpdate();
            }
            try (PreparedStatement read = connection.prepareStatement("SELECT " + CLAIMED_COLUMNS + " FROM " + TABLE
                    + idList)) {
                bind(read, 1, ids);
                try (ResultSet rows = read.executeQuery()) {
                    return readClaimed(rows);
                }
            }
        }
    }
}
