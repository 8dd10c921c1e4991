package io.quarkiverse.jobqueue.benchmarks.baseline;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The raw PostgreSQL baseline of benchmarks/README.md: plain JDBC, no framework, one table with a partial index on
 * pending rows, workers that claim up to 100 rows with one {@code UPDATE ... WHERE id = ANY(ARRAY(SELECT ... FOR
 * UPDATE SKIP LOCKED)) RETURNING ...}, complete the batch with one {@code UPDATE ... WHERE id = ANY(?)} and wait for
 * work on {@code LISTEN/NOTIFY}. The modes and the BENCH line are the {@link Harness}'s.
 */
public final class PostgresqlBaseline implements Harness.Store {

    static final String SCHEMA = "bench_baseline";
    static final String TABLE = SCHEMA + ".job";
    static final String CHANNEL = "bench_baseline";
    /** Safety net only: idle workers wait for a notification, and re-check the table after this long. */
    static final long IDLE_POLL_MS = 1_000;

    static final String[] DDL = {
            "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
            "DROP TABLE IF EXISTS " + TABLE,
            "CREATE TABLE " + TABLE + " ("
                    + " id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " job_type    text        NOT NULL,"
                    + " state       text        NOT NULL DEFAULT 'pending',"
                    + " priority    integer     NOT NULL DEFAULT 0,"
                    + " attempt     integer     NOT NULL DEFAULT 0,"
                    + " run_at      timestamptz NOT NULL DEFAULT now(),"
                    + " created_at  timestamptz NOT NULL DEFAULT now(),"
                    + " started_at  timestamptz,"
                    + " finished_at timestamptz,"
                    + " payload     text)",
            // Claiming reads only pending rows, in dispatch order.
            "CREATE INDEX job_pending ON " + TABLE + " (priority, run_at) WHERE state = 'pending'",
    };

    static final String INSERT = "INSERT INTO " + TABLE + " (job_type, payload) VALUES (?, ?)";

    /** One job, one statement, one transaction: the insert and its pg_notify commit together. */
    static final String ENQUEUE_ONE = "WITH j AS (INSERT INTO " + TABLE + " (job_type, payload) VALUES (?, ?) RETURNING id)"
            + " SELECT pg_notify('" + CHANNEL + "', '') FROM j";

    static final String CLAIM = "UPDATE " + TABLE + " SET state = 'running', attempt = attempt + 1, started_at = now()"
            + " WHERE id = ANY(ARRAY(SELECT id FROM " + TABLE
            + " WHERE state = 'pending' AND run_at <= now() ORDER BY priority, run_at LIMIT " + Harness.CLAIM_BATCH
            + " FOR UPDATE SKIP LOCKED))"
            + " RETURNING id, job_type, payload";

    static final String COMPLETE = "UPDATE " + TABLE + " SET state = 'done', finished_at = now() WHERE id = ANY(?)";

    public static void main(String[] args) {
        Harness.main(args, new PostgresqlBaseline());
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
    }

    @Override
    public Harness.Producer producer() throws SQLException {
        Connection c = connect();
        c.setAutoCommit(true);
        PreparedStatement enqueue = c.prepareStatement(ENQUEUE_ONE);
        return new Harness.Producer() {
            /** One JDBC batch insert ({@code executeBatch} every 1,000 rows) in one transaction, with one pg_notify. */
            @Override
            public void enqueueAll(int jobs) throws SQLException {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (int i = 0; i < jobs; i++) {
                        insert.setString(1, Harness.JOB_TYPE);
                        insert.setString(2, "{}");
                        insert.addBatch();
                        if ((i + 1) % Harness.ENQUEUE_BATCH == 0 || i == jobs - 1) {
                            insert.executeBatch();
                        }
                    }
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_notify('" + CHANNEL + "', '')")) {
                    rs.next();
                }
                c.commit();
                c.setAutoCommit(true);
            }

            @Override
            public void enqueue(String payload) throws SQLException {
                enqueue.setString(1, Harness.JOB_TYPE);
                enqueue.setString(2, payload);
                try (ResultSet rs = enqueue.executeQuery()) {
                    while (rs.next()) {
                        // pg_notify returns void
                    }
                }
            }

            @Override
            public void close() throws SQLException {
                c.close();
            }
        };
    }

    @Override
    public Harness.Workers workers(int count, Harness.Handler handler) throws Exception {
        return new Pool(count, handler);
    }

    @Override
    public long unfinished() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE state <> 'done'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
    }

    static Connection connect() throws SQLException {
        String url = Harness.env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        return DriverManager.getConnection(url, Harness.env("BENCH_DB_USER", "postgres"),
                Harness.env("BENCH_DB_PASSWORD", "postgres"));
    }

    /**
     * Workers plus one listener thread. Each worker has its own connection; the listener holds one more on
     * {@code LISTEN} and wakes one idle worker per notification. A worker waits only after an empty claim and only
     * if no notification arrived since just before that claim, so no wake-up is lost.
     */
    static final class Pool extends Harness.Workers {
        final Signal signal = new Signal();
        final List<Connection> connections = new ArrayList<>();
        final CountDownLatch listening = new CountDownLatch(1);

        /** Opens the workers' connections and starts the listener. */
        Pool(int count, Harness.Handler handler) throws InterruptedException, SQLException {
            super(count, handler);
            thread("listener", this::listen);
            if (!listening.await(30, TimeUnit.SECONDS)) {
                throw new Harness.Failure("listener did not start: " + errors);
            }
            for (int i = 0; i < count; i++) {
                Connection c = connect();
                c.setAutoCommit(true);
                connections.add(c);
            }
        }

        @Override
        int idle() {
            return signal.waiting();
        }

        @Override
        void wakeAll() {
            signal.wakeAll();
        }

        void listen() throws SQLException {
            try (Connection c = connect()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening.countDown();
                while (!stopping) {
                    PGNotification[] notifications = pg.getNotifications(250);
                    if (notifications != null) {
                        for (int i = 0; i < notifications.length; i++) {
                            signal.wakeOne();
                        }
                    }
                }
            }
        }

        @Override
        void work(int worker) throws Exception {
            try (Connection c = connections.get(worker);
                    PreparedStatement claim = c.prepareStatement(CLAIM);
                    PreparedStatement complete = c.prepareStatement(COMPLETE)) {
                long[] ids = new long[Harness.CLAIM_BATCH];
                String[] payloads = new String[Harness.CLAIM_BATCH];
                while (!stopping) {
                    long seen = signal.generation();
                    int n = 0;
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            ids[n] = rs.getLong(1);
                            payloads[n] = rs.getString(3);
                            n++;
                        }
                    }
                    if (n == 0) {
                        signal.await(seen, IDLE_POLL_MS, this);
                        continue;
                    }
                    if (n == Harness.CLAIM_BATCH) {
                        // Probably more: let an idle worker claim the next batch meanwhile.
                        signal.wakeOne();
                    }
                    Long[] done = new Long[n];
                    for (int i = 0; i < n; i++) {
                        handler.run(ids[i], payloads[i]);
                        done[i] = ids[i];
                    }
                    Array array = c.createArrayOf("bigint", done);
                    complete.setArray(1, array);
                    complete.executeUpdate();
                    array.free();
                }
            }
        }
    }

    /** A generation counter: every notification bumps it, so a worker can tell whether it missed one. */
    static final class Signal {
        private long generation;
        private int waiting;

        synchronized long generation() {
            return generation;
        }

        synchronized int waiting() {
            return waiting;
        }

        synchronized void wakeOne() {
            generation++;
            notify();
        }

        synchronized void wakeAll() {
            generation++;
            notifyAll();
        }

        synchronized void await(long seen, long timeoutMillis, Pool pool) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            waiting++;
            try {
                while (generation == seen && !pool.stopping) {
                    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (remaining <= 0) {
                        return;
                    }
                    wait(remaining);
                }
            } finally {
                waiting--;
            }
        }
    }
}
