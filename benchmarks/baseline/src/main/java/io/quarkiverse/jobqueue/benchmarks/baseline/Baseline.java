package io.quarkiverse.jobqueue.benchmarks.baseline;

import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The raw baseline of benchmarks/README.md: plain JDBC, no framework, one table with a partial index on pending rows,
 * workers that claim up to 100 rows with one {@code UPDATE ... WHERE id = ANY(ARRAY(SELECT ... FOR UPDATE SKIP
 * LOCKED)) RETURNING ...}, complete the batch with one {@code UPDATE ... WHERE id = ANY(?)} and wait for work on
 * {@code LISTEN/NOTIFY}.
 *
 * <pre>
 * Baseline throughput      --jobs 20000 --workers 8
 * Baseline pickup          --rate 50 --seconds 10 --workers 8
 * Baseline pickup-worker   --expect 500 --workers 8      (prints READY, then runs --expect jobs)
 * Baseline pickup-producer --rate 50 --seconds 10
 * </pre>
 *
 * Stdout carries only {@code READY} (pickup-worker) and exactly one {@code BENCH <json>} line; logs go to stderr.
 * A failed check prints {@code BENCH {... "error":"..."}} and exits with 1.
 */
public final class Baseline {

    static final String SCHEMA = "bench_baseline";
    static final String TABLE = SCHEMA + ".job";
    static final String CHANNEL = "bench_baseline";
    static final int CLAIM_BATCH = 100;
    static final int INSERT_BATCH = 1_000;
    static final String JOB_TYPE = "noop";
    /** Safety net only: idle workers wait for a notification, and re-check the table after this long. */
    static final long IDLE_POLL_MS = 1_000;
    static final long PICKUP_WORKER_TIMEOUT_S = 60;
    static final long DRAIN_TIMEOUT_S = 60;
    static final long THROUGHPUT_TIMEOUT_S = 300;

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
            + " WHERE state = 'pending' AND run_at <= now() ORDER BY priority, run_at LIMIT " + CLAIM_BATCH
            + " FOR UPDATE SKIP LOCKED))"
            + " RETURNING id, job_type, payload";

    static final String COMPLETE = "UPDATE " + TABLE + " SET state = 'done', finished_at = now() WHERE id = ANY(?)";

    private static final PrintStream OUT = System.out;

    public static void main(String[] args) {
        String mode = args.length == 0 ? "" : args[0];
        String kind = switch (mode) {
            case "throughput" -> "throughput";
            case "pickup", "pickup-worker" -> "pickup";
            case "pickup-producer" -> "producer";
            default -> "usage";
        };
        try {
            Options options = Options.parse(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
            options.allow(switch (mode) {
                case "throughput" -> List.of("jobs", "workers");
                case "pickup" -> List.of("rate", "seconds", "workers");
                case "pickup-worker" -> List.of("expect", "workers");
                case "pickup-producer" -> List.of("rate", "seconds");
                default -> List.of();
            });
            switch (mode) {
                case "throughput" -> throughput(options.integer("jobs", 20_000), options.integer("workers", 8));
                case "pickup" -> pickupLocal(options.integer("rate", 50), options.integer("seconds", 10),
                        options.integer("workers", 8));
                case "pickup-worker" -> pickupWorker(options.integer("expect", 500), options.integer("workers", 8));
                case "pickup-producer" -> pickupProducer(options.integer("rate", 50), options.integer("seconds", 10));
                default -> throw new Failure("unknown mode '" + mode
                        + "': use throughput, pickup, pickup-worker or pickup-producer");
            }
            System.exit(0);
        } catch (Failure f) {
            fail(f.result != null ? f.result : result(kind, mode), f.getMessage());
        } catch (Throwable t) {
            t.printStackTrace();
            fail(result(kind, mode), t.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ throughput

    static void throughput(int jobs, int workers) throws Exception {
        recreateTable();

        // Enqueue: one JDBC batch insert in one transaction, with one pg_notify.
        long enqueueStart;
        long enqueueEnd;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            enqueueStart = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (int i = 0; i < jobs; i++) {
                    insert.setString(1, JOB_TYPE);
                    insert.setString(2, "{}");
                    insert.addBatch();
                    if ((i + 1) % INSERT_BATCH == 0 || i == jobs - 1) {
                        insert.executeBatch();
                    }
                }
            }
            notify(c);
            c.commit();
            enqueueEnd = System.nanoTime();
        }
        double enqueueSeconds = (enqueueEnd - enqueueStart) / 1e9;
        log("enqueued %d jobs in %.3f s", jobs, enqueueSeconds);

        Map<Long, Integer> runs = new ConcurrentHashMap<>(jobs * 2);
        AtomicInteger distinct = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicLong lastRan = new AtomicLong();
        CountDownLatch allRan = new CountDownLatch(1);
        Handler noOp = (id, payload) -> {
            int count = runs.merge(id, 1, Integer::sum);
            if (count > 1) {
                duplicates.incrementAndGet();
            } else if (distinct.incrementAndGet() == jobs) {
                lastRan.set(System.nanoTime());
                allRan.countDown();
            }
        };

        Pool pool = new Pool(workers, noOp);
        pool.open(); // connections and LISTEN first: the measurement starts with the workers
        long processStart = System.nanoTime();
        pool.start();
        boolean finished = allRan.await(THROUGHPUT_TIMEOUT_S, TimeUnit.SECONDS);
        pool.stop();

        Map<String, Object> result = result("throughput");
        result.put("jobs", jobs);
        result.put("workers", workers);
        result.put("ran", runs.size());
        result.put("duplicates", duplicates.get());
        if (!finished) {
            throw new Failure("timeout after " + THROUGHPUT_TIMEOUT_S + " s: " + runs.size() + " of " + jobs + " ran",
                    result);
        }
        pool.checkErrors(result);
        double processSeconds = (lastRan.get() - processStart) / 1e9;
        log("processed %d jobs in %.3f s", jobs, processSeconds);
        long done = countDone();
        result.put("done_in_db", done);
        if (duplicates.get() > 0) {
            throw new Failure(duplicates.get() + " duplicate runs", result);
        }
        if (runs.size() != jobs || done != jobs) {
            throw new Failure(runs.size() + " distinct jobs ran and " + done + " are done, expected " + jobs, result);
        }
        result.put("enqueue_s", round(enqueueSeconds, 4));
        result.put("process_s", round(processSeconds, 4));
        result.put("enqueue_jobs_per_s", round(jobs / enqueueSeconds, 1));
        result.put("process_jobs_per_s", round(jobs / processSeconds, 1));
        bench(result);
    }

    // ------------------------------------------------------------------------------------------------ pickup

    /** Workers and producer in this JVM. */
    static void pickupLocal(int rate, int seconds, int workers) throws Exception {
        int count = rate * seconds;
        recreateTable();
        Pickup pickup = new Pickup(count);
        Pool pool = new Pool(workers, pickup);
        pool.open();
        pool.start();
        pool.awaitIdle();
        log("%d workers idle, producing %d jobs at %d/s", workers, count, rate);

        Thread producer = new Thread(() -> {
            try {
                produce(rate, seconds);
            } catch (Exception e) {
                pickup.producerError = e.toString();
                e.printStackTrace();
            }
        }, "producer");
        producer.start();
        producer.join();
        boolean finished = pickup.allRan.await(DRAIN_TIMEOUT_S, TimeUnit.SECONDS);
        pool.stop();
        pickup.report("local", finished, pool, DRAIN_TIMEOUT_S + " s after the last enqueue");
    }

    /** Workers only: the producer is {@code pickup-producer} in another JVM. */
    static void pickupWorker(int expect, int workers) throws Exception {
        recreateTable();
        Pickup pickup = new Pickup(expect);
        Pool pool = new Pool(workers, pickup);
        pool.open();
        pool.start();
        pool.awaitIdle();
        log("%d workers idle, expecting %d jobs", workers, expect);
        OUT.println("READY");
        OUT.flush();
        boolean finished = pickup.allRan.await(PICKUP_WORKER_TIMEOUT_S, TimeUnit.SECONDS);
        pool.stop();
        pickup.report("remote", finished, pool, PICKUP_WORKER_TIMEOUT_S + " s after READY");
    }

    static void pickupProducer(int rate, int seconds) throws Exception {
        int sent = produce(rate, seconds);
        Map<String, Object> result = result("producer");
        result.put("rate", rate);
        result.put("seconds", seconds);
        result.put("sent", sent);
        bench(result);
    }

    /** Enqueues one job at a time at {@code rate}/s for {@code seconds}; each payload is the epoch µs just before. */
    static int produce(int rate, int seconds) throws SQLException {
        int count = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        try (Connection c = connect(); PreparedStatement enqueue = c.prepareStatement(ENQUEUE_ONE)) {
            c.setAutoCommit(true);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long before = epochMicros();
                enqueue.setString(1, JOB_TYPE);
                enqueue.setString(2, Long.toString(before));
                try (ResultSet rs = enqueue.executeQuery()) {
                    while (rs.next()) {
                        // pg_notify returns void
                    }
                }
            }
            log("sent %d jobs in %.3f s", count, (System.nanoTime() - start) / 1e9);
        }
        return count;
    }

    /** The pickup handler: start time minus the enqueue time carried by the payload. */
    static final class Pickup implements Handler {
        final int expected;
        final long[] latenciesMicros;
        final AtomicInteger recorded = new AtomicInteger();
        final Map<Long, Integer> runs = new ConcurrentHashMap<>();
        final AtomicInteger duplicates = new AtomicInteger();
        final CountDownLatch allRan = new CountDownLatch(1);
        volatile String producerError;

        Pickup(int expected) {
            this.expected = expected;
            this.latenciesMicros = new long[expected];
        }

        @Override
        public void run(long id, String payload) {
            long start = epochMicros();
            long latency = start - Long.parseLong(payload);
            if (runs.merge(id, 1, Integer::sum) > 1) {
                duplicates.incrementAndGet();
                return;
            }
            int slot = recorded.getAndIncrement();
            if (slot < expected) {
                latenciesMicros[slot] = latency;
            }
            if (slot + 1 == expected) {
                allRan.countDown();
            }
        }

        void report(String variant, boolean finished, Pool pool, String timeout) {
            Map<String, Object> result = result("pickup");
            result.put("variant", variant);
            result.put("expected", expected);
            result.put("ran", runs.size());
            result.put("duplicates", duplicates.get());
            if (producerError != null) {
                throw new Failure("producer failed: " + producerError, result);
            }
            if (!finished) {
                throw new Failure("timeout " + timeout + ": " + runs.size() + " of " + expected + " ran", result);
            }
            pool.checkErrors(result);
            if (duplicates.get() > 0) {
                throw new Failure(duplicates.get() + " duplicate runs", result);
            }
            if (runs.size() != expected) {
                throw new Failure(runs.size() + " jobs ran, expected " + expected, result);
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            result.put("count", sorted.length);
            result.put("p50_ms", ms(percentile(sorted, 50)));
            result.put("p95_ms", ms(percentile(sorted, 95)));
            result.put("p99_ms", ms(percentile(sorted, 99)));
            result.put("max_ms", ms(sorted[sorted.length - 1]));
            result.put("min_ms", ms(sorted[0]));
            bench(result);
        }
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double ms(long micros) {
        return round(micros / 1000.0, 3);
    }

    // ------------------------------------------------------------------------------------------------ workers

    @FunctionalInterface
    interface Handler {
        void run(long id, String payload);
    }

    /**
     * Workers plus one listener thread. Each worker has its own connection; the listener holds one more on
     * {@code LISTEN} and wakes one idle worker per notification. A worker waits only after an empty claim and only
     * if no notification arrived since just before that claim, so no wake-up is lost.
     */
    static final class Pool {
        final int size;
        final Handler handler;
        final Signal signal = new Signal();
        final List<Thread> threads = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile boolean stopping;
        final CountDownLatch listening = new CountDownLatch(1);

        Pool(int size, Handler handler) {
            this.size = size;
            this.handler = handler;
        }

        /** Opens the workers' connections and starts the listener. */
        void open() throws InterruptedException, SQLException {
            Thread listener = new Thread(this::listen, "listener");
            listener.setDaemon(true);
            threads.add(listener);
            listener.start();
            if (!listening.await(30, TimeUnit.SECONDS)) {
                throw new Failure("listener did not start: " + errors);
            }
            for (int i = 0; i < size; i++) {
                Connection c = connect();
                c.setAutoCommit(true);
                connections.add(c);
            }
        }

        /** Starts the workers, on the connections {@link #open()} opened. */
        void start() {
            for (int i = 0; i < size; i++) {
                Connection c = connections.get(i);
                Thread worker = new Thread(() -> work(c), "worker-" + i);
                worker.setDaemon(true);
                threads.add(worker);
                worker.start();
            }
        }

        /** Until every worker is waiting for a notification after an empty claim. */
        void awaitIdle() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (signal.waiting() < size) {
                if (!errors.isEmpty()) {
                    throw new Failure("worker failed: " + errors.get(0));
                }
                if (System.nanoTime() > deadline) {
                    throw new Failure("workers did not become idle within 30 s");
                }
                Thread.sleep(5);
            }
        }

        void stop() throws InterruptedException {
            stopping = true;
            signal.wakeAll();
            for (Thread t : threads) {
                t.join(10_000);
            }
        }

        void checkErrors(Map<String, Object> result) {
            if (!errors.isEmpty()) {
                throw new Failure("worker failed: " + errors.get(0), result);
            }
        }

        void listen() {
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
            } catch (Exception e) {
                if (!stopping) {
                    errors.add("listener: " + e);
                    e.printStackTrace();
                }
            }
        }

        void work(Connection connection) {
            try (Connection c = connection) {
                try (PreparedStatement claim = c.prepareStatement(CLAIM);
                        PreparedStatement complete = c.prepareStatement(COMPLETE)) {
                    long[] ids = new long[CLAIM_BATCH];
                    String[] payloads = new String[CLAIM_BATCH];
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
                        if (n == CLAIM_BATCH) {
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
            } catch (Exception e) {
                if (!stopping) {
                    errors.add(Thread.currentThread().getName() + ": " + e);
                    e.printStackTrace();
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

    // ------------------------------------------------------------------------------------------------ database

    static Connection connect() throws SQLException {
        String url = env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        return DriverManager.getConnection(url, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", "postgres"));
    }

    static void recreateTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
    }

    static void notify(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_notify('" + CHANNEL + "', '')")) {
            rs.next();
        }
    }

    static long countDone() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE state = 'done'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    // ------------------------------------------------------------------------------------------------ output

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static Map<String, Object> result(String kind) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("impl", "baseline");
        result.put("kind", kind);
        return result;
    }

    static void bench(Map<String, Object> result) {
        OUT.println("BENCH " + json(result));
        OUT.flush();
    }

    /** The result of a run that failed before it had one of its own. */
    static Map<String, Object> result(String kind, String mode) {
        Map<String, Object> result = result(kind);
        if ("pickup-worker".equals(mode)) {
            result.put("variant", "remote");
        } else if ("pickup".equals(mode)) {
            result.put("variant", "local");
        }
        return result;
    }

    static void fail(Map<String, Object> result, String error) {
        result.put("error", error);
        bench(result);
        System.exit(1);
    }

    static void log(String format, Object... args) {
        System.err.println("[baseline] " + String.format(Locale.ROOT, format, args));
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static String json(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append(quote(String.valueOf(v)));
            }
        }
        return sb.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A failed check: reported as a BENCH line with "error" and exit status 1. */
    static final class Failure extends RuntimeException {
        final transient Map<String, Object> result;

        Failure(String message) {
            this(message, null);
        }

        Failure(String message, Map<String, Object> result) {
            super(message);
            this.result = result;
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class Options {
        final Map<String, String> values = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new Failure("unexpected argument '" + arg + "'");
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new Failure("option --" + name + " needs a value");
                }
                options.values.put(name, value);
            }
            return options;
        }

        void allow(List<String> names) {
            for (String name : values.keySet()) {
                if (!names.contains(name)) {
                    throw new Failure("unknown option --" + name + " (allowed: " + names + ")");
                }
            }
        }

        int integer(String name, int fallback) {
            String value = values.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n <= 0) {
                    throw new Failure("--" + name + " must be positive: " + value);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new Failure("--" + name + " is not a number: " + value);
            }
        }
    }
}
