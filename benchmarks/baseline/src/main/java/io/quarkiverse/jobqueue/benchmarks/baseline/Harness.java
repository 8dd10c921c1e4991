package io.quarkiverse.jobqueue.benchmarks.baseline;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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

/**
 * The measurements of benchmarks/README.md, the same for every raw baseline: each baseline only says how its store
 * enqueues, claims and acknowledges jobs ({@link Store}). The harness times them, checks that exactly the expected
 * jobs ran and none twice, and prints the one {@code BENCH <json>} line.
 *
 * <pre>
 * &lt;Baseline&gt; throughput      --jobs 20000 --workers 8
 * &lt;Baseline&gt; pickup          --rate 50 --seconds 10 --workers 8
 * &lt;Baseline&gt; pickup-worker   --expect 500 --workers 8      (prints READY, then runs --expect jobs)
 * &lt;Baseline&gt; pickup-producer --rate 50 --seconds 10
 * </pre>
 *
 * Stdout carries only {@code READY} (pickup-worker) and exactly one {@code BENCH <json>} line; logs go to stderr.
 * A failed check prints {@code BENCH {... "error":"..."}} and exits with 1.
 */
final class Harness {

    static final String JOB_TYPE = "noop";
    static final int CLAIM_BATCH = 100;
    static final int ENQUEUE_BATCH = 1_000;
    static final long PICKUP_WORKER_TIMEOUT_S = 60;
    static final long DRAIN_TIMEOUT_S = 60;
    static final long THROUGHPUT_TIMEOUT_S = 300;
    static final long IDLE_TIMEOUT_S = 30;

    private static final PrintStream OUT = System.out;

    /** What a baseline implements: its store's operations, each as its raw client does it. */
    interface Store extends AutoCloseable {
        /** {@code postgresql} or {@code redis}: the {@code "store"} field of the BENCH line. */
        String name();

        /** Empties the store: every measurement but the producer's starts from no jobs. */
        void reset() throws Exception;

        /** An open connection that enqueues jobs: the measurements time its calls, not its connecting. */
        Producer producer() throws Exception;

        /** Workers with their connections open, not started yet, that run each claimed job with {@code handler}. */
        Workers workers(int count, Handler handler) throws Exception;

        /** Jobs still in the store that were not acknowledged as done (pending, or claimed and not acknowledged). */
        long unfinished() throws Exception;

        /** The store server's CPU time so far, in seconds; NaN where this baseline cannot read it. */
        default double serverCpuSeconds() throws Exception {
            return Double.NaN;
        }
    }

    interface Producer extends AutoCloseable {
        /** Enqueues {@code jobs} no-op jobs at once, as this store batches them. */
        void enqueueAll(int jobs) throws Exception;

        /** Enqueues one job. */
        void enqueue(String payload) throws Exception;
    }

    @FunctionalInterface
    interface Handler {
        void run(long id, String payload);
    }

    /** Worker threads of one store: each runs {@link #work(int)} until {@link #stopping}. */
    abstract static class Workers {
        final int count;
        final Handler handler;
        final List<Thread> threads = new ArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile boolean stopping;

        Workers(int count, Handler handler) {
            this.count = count;
            this.handler = handler;
        }

        /** One worker's loop: claim, run, acknowledge, wait when there is nothing to claim; returns once stopping. */
        abstract void work(int worker) throws Exception;

        /** Workers waiting for jobs after finding none. */
        abstract int idle();

        /** Wakes the workers that wait, so that they see {@link #stopping}. */
        void wakeAll() {
        }

        /** Closes what the workers hold, once they stopped. */
        void close() throws Exception {
        }

        /** A daemon thread whose failure (while not stopping) is recorded in {@link #errors}. */
        void thread(String name, Task task) {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    if (!stopping) {
                        errors.add(name + ": " + e);
                        e.printStackTrace();
                    }
                }
            }, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        void start() {
            for (int i = 0; i < count; i++) {
                int worker = i;
                thread("worker-" + i, () -> work(worker));
            }
        }

        /** Until every worker waits after finding no job. */
        void awaitIdle() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_TIMEOUT_S);
            while (idle() < count) {
                checkErrors(null);
                if (System.nanoTime() > deadline) {
                    throw new Failure("workers did not become idle within " + IDLE_TIMEOUT_S + " s");
                }
                Thread.sleep(5);
            }
        }

        void stop() throws Exception {
            stopping = true;
            wakeAll();
            for (Thread t : threads) {
                t.join(10_000);
            }
            close();
        }

        void checkErrors(Map<String, Object> result) {
            if (!errors.isEmpty()) {
                throw new Failure("worker failed: " + errors.get(0), result);
            }
        }
    }

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final Store store;

    private Harness(Store store) {
        this.store = store;
    }

    /** Runs the measurement {@code args} name against {@code store}, prints its BENCH line and exits. */
    static void main(String[] args, Store store) {
        String mode = args.length == 0 ? "" : args[0];
        String kind = switch (mode) {
            case "throughput" -> "throughput";
            case "pickup", "pickup-worker" -> "pickup";
            case "pickup-producer" -> "producer";
            default -> "usage";
        };
        Harness harness = new Harness(store);
        try (store) {
            Options options = Options.parse(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
            options.allow(switch (mode) {
                case "throughput" -> List.of("jobs", "workers");
                case "pickup" -> List.of("rate", "seconds", "workers");
                case "pickup-worker" -> List.of("expect", "workers");
                case "pickup-producer" -> List.of("rate", "seconds");
                default -> List.of();
            });
            switch (mode) {
                case "throughput" -> harness.throughput(options.integer("jobs", 20_000), options.integer("workers", 8));
                case "pickup" -> harness.pickupLocal(options.integer("rate", 50), options.integer("seconds", 10),
                        options.integer("workers", 8));
                case "pickup-worker" -> harness.pickupWorker(options.integer("expect", 500),
                        options.integer("workers", 8));
                case "pickup-producer" -> harness.pickupProducer(options.integer("rate", 50),
                        options.integer("seconds", 10));
                default -> throw new Failure("unknown mode '" + mode
                        + "': use throughput, pickup, pickup-worker or pickup-producer");
            }
        } catch (Failure f) {
            harness.fail(f.result != null ? f.result : harness.result(kind, mode), f.getMessage());
        } catch (Throwable t) {
            t.printStackTrace();
            harness.fail(harness.result(kind, mode), t.toString());
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ throughput

    void throughput(int jobs, int workers) throws Exception {
        store.reset();
        double enqueueSeconds;
        try (Producer producer = store.producer()) {
            long enqueueStart = System.nanoTime();
            producer.enqueueAll(jobs);
            enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;
        }
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

        // Connections first: the measurement starts with the workers.
        Workers pool = store.workers(workers, noOp);
        double serverCpuStart = store.serverCpuSeconds();
        // Read once before the start: the first reading sets up the management beans, which is not processing.
        processCpuNanos();
        jitMillis();
        long processStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        long jitStart = jitMillis();
        pool.start();
        boolean finished = allRan.await(THROUGHPUT_TIMEOUT_S, TimeUnit.SECONDS);
        double cpuMicrosPerJob = (processCpuNanos() - cpuStart) / 1e3 / jobs;
        long jitMillis = jitMillis() - jitStart;
        double serverCpuMicrosPerJob = (store.serverCpuSeconds() - serverCpuStart) * 1e6 / jobs;
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
        long unfinished = store.unfinished();
        result.put("unfinished_in_store", unfinished);
        if (duplicates.get() > 0) {
            throw new Failure(duplicates.get() + " duplicate runs", result);
        }
        if (runs.size() != jobs || unfinished != 0) {
            throw new Failure(runs.size() + " distinct jobs ran and " + unfinished
                    + " are still in the store, expected " + jobs + " and 0", result);
        }
        result.put("enqueue_s", round(enqueueSeconds, 4));
        result.put("process_s", round(processSeconds, 4));
        result.put("enqueue_jobs_per_s", round(jobs / enqueueSeconds, 1));
        result.put("process_jobs_per_s", round(jobs / processSeconds, 1));
        result.put("process_cpu_us_per_job", round(cpuMicrosPerJob, 1));
        result.put("process_jit_ms", jitMillis);
        if (Double.isFinite(serverCpuMicrosPerJob)) {
            result.put("store_cpu_us_per_job", round(serverCpuMicrosPerJob, 1));
        }
        bench(result);
    }

    /** CPU time of this JVM, every thread (JIT compilers and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Time the JIT compilers spent so far. */
    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    // ------------------------------------------------------------------------------------------------ pickup

    /** Workers and producer in this JVM. */
    void pickupLocal(int rate, int seconds, int workers) throws Exception {
        int count = rate * seconds;
        store.reset();
        Pickup pickup = new Pickup(count);
        Workers pool = store.workers(workers, pickup);
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
    void pickupWorker(int expect, int workers) throws Exception {
        store.reset();
        Pickup pickup = new Pickup(expect);
        Workers pool = store.workers(workers, pickup);
        pool.start();
        pool.awaitIdle();
        log("%d workers idle, expecting %d jobs", workers, expect);
        OUT.println("READY");
        OUT.flush();
        boolean finished = pickup.allRan.await(PICKUP_WORKER_TIMEOUT_S, TimeUnit.SECONDS);
        pool.stop();
        pickup.report("remote", finished, pool, PICKUP_WORKER_TIMEOUT_S + " s after READY");
    }

    void pickupProducer(int rate, int seconds) throws Exception {
        int sent = produce(rate, seconds);
        Map<String, Object> result = result("producer");
        result.put("rate", rate);
        result.put("seconds", seconds);
        result.put("sent", sent);
        bench(result);
    }

    /** Enqueues one job at a time at {@code rate}/s for {@code seconds}; each payload is the epoch µs just before. */
    int produce(int rate, int seconds) throws Exception {
        int count = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        try (Producer producer = store.producer()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.enqueue(Long.toString(epochMicros()));
            }
            log("sent %d jobs in %.3f s", count, (System.nanoTime() - start) / 1e9);
        }
        return count;
    }

    /** The pickup handler: start time minus the enqueue time carried by the payload. */
    final class Pickup implements Handler {
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

        void report(String variant, boolean finished, Workers pool, String timeout) {
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

    // ------------------------------------------------------------------------------------------------ output

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    Map<String, Object> result(String kind) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("impl", "baseline");
        result.put("store", store.name());
        result.put("kind", kind);
        return result;
    }

    /** The result of a run that failed before it had one of its own. */
    Map<String, Object> result(String kind, String mode) {
        Map<String, Object> result = result(kind);
        if ("pickup-worker".equals(mode)) {
            result.put("variant", "remote");
        } else if ("pickup".equals(mode)) {
            result.put("variant", "local");
        }
        return result;
    }

    static void bench(Map<String, Object> result) {
        OUT.println("BENCH " + json(result));
        OUT.flush();
    }

    void fail(Map<String, Object> result, String error) {
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
