package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;

/**
 * The SQL that differs between databases. Claiming takes one statement on PostgreSQL and three elsewhere; both
 * lock with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never take the same row.
 */
abstract class JdbcDialect {

    static final String TABLE = JobEntity.TABLE;
    static final String CLAIMED_COLUMNS = "id, job_type, queue_name, priority, attempt, max_attempts, run_at, "
            + "created_at, started_at, payload, attempts, payload_version, timeout_ms, "
            + "(cancel_requested_at IS NOT NULL) AS cancel_requested, headers";

    /** The columns a claim returns, as this database reads them fastest; {@link #readClaimed} reads them. */
    String claimedColumns() {
        return CLAIMED_COLUMNS;
    }

    /** The instant in a column that {@link #claimedColumns} returned. */
    Instant claimedInstant(ResultSet rows, String column) throws SQLException {
        return instant(rows, column);
    }

    static JdbcDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return new PostgreSqlDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return new MariaDbDialect();
        }
        return new StandardDialect();
    }

    /**
     * Locks up to {@code limit} rows matching {@code where}, skipping rows other transactions hold, applies
     * {@code set} to them and returns them.
     */
    abstract List<ClaimedJob> updateLocked(Connection connection, String where, List<Object> whereParameters,
            String orderBy, int limit, String set, List<Object> setParameters) throws SQLException;

    /** Rows per multi-row INSERT, well under every database's limit of bind parameters. */
    private static final int INSERT_CHUNK = 500;
    static final String INSERTED_COLUMNS = "id, job_type, queue_name, state, priority, attempt, max_attempts, "
            + "run_at, created_at, payload, payload_version, unique_key, timeout_ms, headers, started_at, lease_owner, "
            + "lease_expires_at";

    /** Tries to write one keyed job this many times while the key's holder keeps finishing under it. */
    private static final int UNIQUE_INSERT_TRIES = 5;

    /**
     * Inserts the jobs; a job whose unique key an active job holds is not written (see {@link
     * io.quarkiverse.jobqueue.runtime.store.JobStore#insert}).
     *
     * @return per job, the id of the job holding its place
     */
    List<JobId> insert(Connection connection, List<NewJob> jobs) throws SQLException {
        List<NewJob> unkeyed = jobs.stream().filter(job -> job.uniqueKey() == null).toList();
        if (!unkeyed.isEmpty()) {
            insertAll(connection, unkeyed);
        }
        if (unkeyed.size() == jobs.size()) {
            return jobs.stream().map(NewJob::id).toList();
        }
        Map<String, JobId> holders = new HashMap<>();
        List<JobId> ids = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            if (job.uniqueKey() == null) {
                ids.add(job.id());
                continue;
            }
            JobId holder = holders.get(job.uniqueKey());
            if (holder == null) {
                holder = insertUnique(connection, job);
                holders.put(job.uniqueKey(), holder);
            }
            ids.add(holder);
        }
        return ids;
    }

    /** Writes a keyed job unless an active job holds its key; returns the id of the job that holds it now. */
    private JobId insertUnique(Connection connection, NewJob job) throws SQLException {
        for (int tries = 0; tries < UNIQUE_INSERT_TRIES; tries++) {
            if (insertIfKeyFree(connection, job)) {
                return job.id();
            }
            JobId holder = activeHolder(connection, job.uniqueKey());
            if (holder != null) {
                return holder;
            }
            // The holder finished between the two statements, which freed the key: try again.
        }
        throw new JobStoreException("Could not enqueue the job with unique key '" + job.uniqueKey() + "': its key was "
                + "taken and freed " + UNIQUE_INSERT_TRIES + " times while enqueueing; nothing was written, try again",
                null);
    }

    /**
     * Inserts one keyed job unless an active job holds its key, without failing the transaction when one does;
     * returns whether it was written.
     */
    boolean insertIfKeyFree(Connection connection, NewJob job) throws SQLException {
        try {
            insertAll(connection, List.of(job));
            return true;
        } catch (SQLException e) {
            // These databases undo only the failed statement, so the caller's transaction goes on.
            if (e.getSQLState() != null && e.getSQLState().startsWith("23") && e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains(JobEntity.UNIQUE_KEY_INDEX)) {
                return false;
            }
            throw e;
        }
    }

    /** A read that sees the latest committed rows, even in a REPEATABLE READ transaction with an older snapshot. */
    String latestCommittedRead() {
        return "";
    }

    private JobId activeHolder(Connection connection, String uniqueKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + TABLE
                + " WHERE active_unique_key = ?" + latestCommittedRead())) {
            select.setString(1, uniqueKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? JobId.of(rows.getObject(1, UUID.class)) : null;
            }
        }
    }

    /**
     * Inserts the jobs in as few round trips as the database allows and, where it can, tells other processes
     * listening to the database that jobs arrived in their queues (delivered at commit).
     */
    void insertAll(Connection connection, List<NewJob> jobs) throws SQLException {
        for (int from = 0; from < jobs.size(); from += INSERT_CHUNK) {
            List<NewJob> chunk = jobs.subList(from, Math.min(jobs.size(), from + INSERT_CHUNK));
            String sql = "INSERT INTO " + TABLE + " (" + INSERTED_COLUMNS + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(),
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int first = 1;
                for (NewJob job : chunk) {
                    // Arrays.asList: a payload may be null (List.of rejects nulls), as on PostgreSQL.
                    List<Object> row = Arrays.asList(job.id(), job.type(), job.queue(), job.initialState().name(),
                            job.priority(), job.initialAttempt(), job.maxAttempts(), job.runAt(), job.createdAt(),
                            job.payload(), job.payloadVersion(), job.uniqueKey(), timeoutMillis(job), job.headers(),
                            job.startedAt(), job.owner(), job.leaseUntil());
                    bind(statement, first, row);
                    first += row.size();
                }
                statement.executeUpdate();
            }
        }
    }

    /**
     * Starts a transaction of the engine's own; with {@code asyncCommit} (claims and outcomes only) it may commit
     * without waiting for the disk, where the database allows that per transaction.
     */
    void begin(Connection connection, boolean asyncCommit) throws SQLException {
        connection.setAutoCommit(false);
    }

    /** Whether {@link #insert} notifies other processes. */
    boolean canNotify() {
        return false;
    }

    /** A condition that {@code column} is one of {@code count} values of {@code sqlType}, bound by {@link #bindIn}. */
    String in(String column, int count, String sqlType) {
        return column + " IN (" + placeholders(count) + ")";
    }

    /** Binds the values of an {@link #in} condition from {@code index}; returns the next free index. */
    int bindIn(Connection connection, PreparedStatement statement, int index, List<?> values) throws SQLException {
        bind(statement, index, values);
        return index + values.size();
    }

    /** The timeout as stored, in milliseconds, or {@code null} for none. */
    static Long timeoutMillis(NewJob job) {
        return job.timeout() == null ? null : job.timeout().toMillis();
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    void bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
        int index = first;
        for (Object value : values) {
            bind(statement, index++, value);
        }
    }

    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, instantParameter(instant));
        } else if (value instanceof JobId id) {
            statement.setObject(index, id.uuid());
        } else if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }

    /** An instant as a parameter of this database's timestamp columns; {@link #instant} reads it back. */
    Object instantParameter(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    List<ClaimedJob> readClaimed(ResultSet rows) throws SQLException {
        List<ClaimedJob> jobs = new ArrayList<>();
        while (rows.next()) {
            jobs.add(new ClaimedJob(JobId.of(rows.getObject("id", UUID.class)), rows.getString("job_type"),
                    rows.getString("queue_name"), rows.getInt("priority"), rows.getInt("attempt"),
                    rows.getInt("max_attempts"), claimedInstant(rows, "run_at"), claimedInstant(rows, "created_at"),
                    claimedInstant(rows, "started_at"), rows.getString("payload"), rows.getString("attempts"),
                    rows.getInt("payload_version"), timeout(rows), rows.getBoolean("cancel_requested"),
                    rows.getString("headers")));
        }
        return jobs;
    }

    private static Duration timeout(ResultSet rows) throws SQLException {
        long millis = rows.getLong("timeout_ms");
        return rows.wasNull() ? null : Duration.ofMillis(millis);
    }

    /** PostgreSQL: one statement; {@code = ANY(ARRAY(...))} avoids the slow plan of {@code IN (SELECT ...)}. */
    static final class PostgreSqlDialect extends JdbcDialect {

        static final String CHANNEL = "job_queue";
        /** Timestamps as microseconds since the epoch: reading them as OffsetDateTime costs a Calendar each. */
        private static final String CLAIMED_COLUMNS_IN_MICROS = "id, job_type, queue_name, priority, attempt, "
                + "max_attempts, " + micros("run_at") + ", " + micros("created_at") + ", " + micros("started_at")
                + ", payload, attempts, payload_version, timeout_ms, (cancel_requested_at IS NOT NULL) AS cancel_requested, "
                + "headers";

        private static String micros(String column) {
            return "(extract(epoch FROM " + column + ") * 1000000)::int8 AS " + column;
        }

        @Override
        String claimedColumns() {
            return CLAIMED_COLUMNS_IN_MICROS;
        }

        @Override
        Instant claimedInstant(ResultSet rows, String column) throws SQLException {
            long micros = rows.getLong(column);
            return rows.wasNull() ? null
                    : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }

        @Override
        void begin(Connection connection, boolean asyncCommit) throws SQLException {
            connection.setAutoCommit(false);
            if (asyncCommit) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
        }

        /** One array parameter: one statement text, so one cached plan, whatever the number of values. */
        @Override
        String in(String column, int count, String sqlType) {
            return column + " = ANY(?::" + sqlType + "[])";
        }

        @Override
        int bindIn(Connection connection, PreparedStatement statement, int index, List<?> values) throws SQLException {
            String[] texts = values.stream().map(String::valueOf).toArray(String[]::new);
            statement.setArray(index, connection.createArrayOf("text", texts));
            return index + 1;
        }

        /**
         * One statement for any number of jobs, each column one array parameter, with the notification of their
         * queues in the same round trip.
         */
        @Override
        void insertAll(Connection connection, List<NewJob> jobs) throws SQLException {
            insertNotifying(connection, jobs, "");
        }

        /** A unique violation would fail the caller's transaction here: ON CONFLICT skips the row instead. */
        @Override
        boolean insertIfKeyFree(Connection connection, NewJob job) throws SQLException {
            return insertNotifying(connection, List.of(job),
                    " ON CONFLICT (active_unique_key) WHERE active_unique_key IS NOT NULL DO NOTHING");
        }

        /**
         * Returns whether any job to claim was written (a row per queue notified; jobs taken as they are written,
         * never keyed ones, have nobody to wake).
         */
        private boolean insertNotifying(Connection connection, List<NewJob> jobs, String onConflict)
                throws SQLException {
            int size = jobs.size();
            UUID[] ids = new UUID[size];
            String[] types = new String[size];
            String[] queues = new String[size];
            String[] states = new String[size];
            Integer[] priorities = new Integer[size];
            Integer[] maxAttempts = new Integer[size];
            String[] runAts = new String[size];
            String[] createdAts = new String[size];
            String[] payloads = new String[size];
            Integer[] payloadVersions = new Integer[size];
            String[] uniqueKeys = new String[size];
            Long[] timeouts = new Long[size];
            String[] headers = new String[size];
            Integer[] attempts = new Integer[size];
            String[] startedAts = new String[size];
            String[] owners = new String[size];
            String[] leases = new String[size];
            InstantText instantText = new InstantText();
            InstantText leaseText = new InstantText();
            for (int i = 0; i < size; i++) {
                NewJob job = jobs.get(i);
                ids[i] = job.id().uuid();
                types[i] = job.type();
                queues[i] = job.queue();
                states[i] = job.initialState().name();
                priorities[i] = job.priority();
                maxAttempts[i] = job.maxAttempts();
                runAts[i] = instantText.of(job.runAt());
                createdAts[i] = instantText.of(job.createdAt());
                payloads[i] = job.payload();
                payloadVersions[i] = job.payloadVersion();
                uniqueKeys[i] = job.uniqueKey();
                timeouts[i] = timeoutMillis(job);
                headers[i] = job.headers();
                attempts[i] = job.initialAttempt();
                startedAts[i] = instantText.of(job.startedAt());
                owners[i] = job.owner();
                leases[i] = leaseText.of(job.leaseUntil());
            }
            String sql = "WITH inserted AS (INSERT INTO " + TABLE + " (" + INSERTED_COLUMNS + ") SELECT id, job_type, "
                    + "queue_name, state, priority, attempt, max_attempts, run_at, created_at, payload, payload_version, "
                    + "unique_key, timeout_ms, headers, started_at, lease_owner, lease_expires_at FROM unnest(?::uuid[], "
                    + "?::varchar[], ?::varchar[], ?::varchar[], ?::int4[], ?::int4[], ?::timestamptz[], "
                    + "?::timestamptz[], ?::text[], ?::int4[], ?::varchar[], ?::int8[], ?::text[], ?::int4[], "
                    + "?::timestamptz[], ?::varchar[], ?::timestamptz[]) AS t(id, job_type, queue_name, state, priority, "
                    + "max_attempts, run_at, created_at, payload, payload_version, unique_key, timeout_ms, headers, "
                    + "attempt, started_at, lease_owner, lease_expires_at)" + onConflict + " RETURNING queue_name, "
                    + "lease_owner) SELECT pg_notify('" + CHANNEL + "', queue_name) FROM (SELECT DISTINCT queue_name "
                    + "FROM inserted WHERE lease_owner IS NULL) q";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("uuid", ids));
                statement.setArray(2, connection.createArrayOf("text", types));
                statement.setArray(3, connection.createArrayOf("text", queues));
                statement.setArray(4, connection.createArrayOf("text", states));
                statement.setArray(5, connection.createArrayOf("int4", priorities));
                statement.setArray(6, connection.createArrayOf("int4", maxAttempts));
                statement.setArray(7, connection.createArrayOf("text", runAts));
                statement.setArray(8, connection.createArrayOf("text", createdAts));
                statement.setArray(9, connection.createArrayOf("text", payloads));
                statement.setArray(10, connection.createArrayOf("int4", payloadVersions));
                statement.setArray(11, connection.createArrayOf("text", uniqueKeys));
                statement.setArray(12, connection.createArrayOf("int8", timeouts));
                statement.setArray(13, connection.createArrayOf("text", headers));
                statement.setArray(14, connection.createArrayOf("int4", attempts));
                statement.setArray(15, connection.createArrayOf("text", startedAts));
                statement.setArray(16, connection.createArrayOf("text", owners));
                statement.setArray(17, connection.createArrayOf("text", leases));
                try (ResultSet notified = statement.executeQuery()) {
                    return notified.next();
                }
            }
        }

        @Override
        List<ClaimedJob> updateLocked(Connection connection, String where, List<Object> whereParameters,
                String orderBy, int limit, String set, List<Object> setParameters) throws SQLException {
            String sql = "UPDATE " + TABLE + " SET " + set + " WHERE id = ANY(ARRAY(SELECT id FROM " + TABLE
                    + " WHERE " + where + " ORDER BY " + orderBy + " LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING "
                    + claimedColumns();
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
        boolean canNotify() {
            return true;
        }
    }

    /** The text of instants, computed once for the run of equal instants a batch shares. */
    private static final class InstantText {
        private Instant last;
        private String text;

        /** {@code null} for none. */
        String of(Instant instant) {
            if (instant == null) {
                return null;
            }
            if (!instant.equals(last)) {
                last = instant;
                text = instant.toString();
            }
            return text;
        }
    }

    /** H2, MariaDB, MySQL: lock the ids, update them, read them back, in the caller's transaction. */
    static class StandardDialect extends JdbcDialect {

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

    /**
     * MariaDB and MySQL have no timestamp with time zone: instants live in {@code datetime(6)} columns as UTC, as
     * Hibernate writes them. An {@link OffsetDateTime} parameter would be converted to the JVM's time zone by the
     * driver, so instants are bound and read as UTC {@link LocalDateTime}s, which no layer converts.
     */
    static final class MariaDbDialect extends StandardDialect {

        /** MariaDB's default isolation is REPEATABLE READ, whose plain reads miss rows committed since the snapshot. */
        @Override
        String latestCommittedRead() {
            return " LOCK IN SHARE MODE";
        }

        @Override
        Object instantParameter(Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rows, String column) throws SQLException {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }
    }
}
