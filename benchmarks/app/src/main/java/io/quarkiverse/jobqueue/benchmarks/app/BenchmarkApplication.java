package io.quarkiverse.jobqueue.benchmarks.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.runtime.engine.HandlerRegistry;
import io.quarkiverse.jobqueue.runtime.engine.JobEngine;
import io.quarkiverse.jobqueue.runtime.engine.JobQueueRuntime;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkus.runtime.QuarkusApplication;

/** The measurements, as issue 3 and benchmarks/README.md define them. */
public class BenchmarkApplication implements QuarkusApplication {

    private static final long TIMEOUT_NANOS = 120_000_000_000L;

    @Inject
    JobQueue jobs;

    @Inject
    JobStore store;

    @Inject
    HandlerRegistry handlers;

    @Inject
    JobQueueRuntime runtime;

    @Inject
    ObjectMapper mapper;

    @Inject
    BenchmarkHandler handler;

    @Override
    public int run(String... args) throws Exception {
        Options options = Options.parse(args);
        return switch (options.mode()) {
            case "throughput" -> throughput(options);
            case "pickup" -> pickup(options);
            case "pickup-worker" -> pickupWorker(options);
            case "pickup-producer" -> produceAtRate(options);
            case "serve" -> serve(options);
            case "produce" -> produce(options);
            default -> fail("unknown", "unknown mode " + options.mode());
        };
    }

    /** Enqueue N with enqueueAll, then start the workers and time them until all N ran. */
    private int throughput(Options options) throws InterruptedException {
        try (ServerCpu serverCpu = BenchmarkStore.serverCpu()) {
            return throughput(options, serverCpu);
        }
    }

    private int throughput(Options options, ServerCpu serverCpu) throws InterruptedException {
        int n = options.jobs();
        handler.countRuns(n);
        long enqueueStart = System.nanoTime();
        List<JobId> ids = jobs.enqueueAll(BenchmarkHandler.TYPE, Collections.nCopies(n, null));
        double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;

        JobEngine engine = new JobEngine(store, handlers, runtime.settings(), mapper,
                "bench-" + ProcessHandle.current().pid());
        double serverCpuStart = serverCpu.seconds();
        // Read once before the start: the first reading sets up the management beans, which is not processing.
        processCpuNanos();
        jitMillis();
        long processStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        long jitStart = jitMillis();
        engine.start();
        try {
            // A latch, as the baseline's harness waits: polling would take CPU from the measured workers.
            if (!handler.allRan.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                return fail("throughput", "only " + handler.ran.get() + " of " + n + " jobs ran within the timeout");
            }
            double processSeconds = (handler.lastRanNanos - processStart) / 1e9;
            double cpuMicrosPerJob = (processCpuNanos() - cpuStart) / 1e3 / n;
            long jitMillis = jitMillis() - jitStart;
            double serverCpuMicrosPerJob = (serverCpu.seconds() - serverCpuStart) * 1e6 / n;
            Map<JobId, AtomicInteger> runs = handler.runs;
            long distinct = ids.stream().filter(runs::containsKey).count();
            long duplicates = runs.values().stream().filter(count -> count.get() > 1).count();
            if (distinct != n || duplicates > 0 || handler.ran.get() != n) {
                return fail("throughput", "expected each of " + n + " jobs to run once: " + distinct
                        + " distinct ran, " + duplicates + " ran more than once, " + handler.ran.get() + " runs");
            }
            print(String.format(Locale.ROOT, "\"kind\":\"throughput\",\"jobs\":%d,\"ran\":%d,\"duplicates\":0,"
                    + "\"enqueue_jobs_per_s\":%.1f,\"process_jobs_per_s\":%.1f,\"process_cpu_us_per_job\":%.1f,"
                    + "\"process_jit_ms\":%d%s", n, distinct, n / enqueueSeconds, n / processSeconds, cpuMicrosPerJob,
                    jitMillis, Double.isFinite(serverCpuMicrosPerJob)
                            ? String.format(Locale.ROOT, ",\"store_cpu_us_per_job\":%.1f", serverCpuMicrosPerJob)
                            : ""));
            return 0;
        } finally {
            engine.stop();
        }
    }

    /** Idle workers in this JVM, a producer thread in this JVM at a fixed rate. */
    private int pickup(Options options) throws InterruptedException {
        handler.latencies = new Latencies();
        Thread.sleep(1_000);
        int sent = sendAtRate(options);
        long start = System.nanoTime();
        while (handler.latencies.count() < sent) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                return fail("pickup", handler.latencies.count() + " of " + sent + " jobs ran within the timeout");
            }
            Thread.sleep(10);
        }
        print("\"kind\":\"pickup\",\"variant\":\"local\"," + handler.latencies.json());
        return 0;
    }

    /** Idle workers here, the producer in another JVM: woken through the store's notifications, or its polling. */
    private int pickupWorker(Options options) throws InterruptedException {
        handler.latencies = new Latencies();
        Thread.sleep(1_000);
        System.out.println("READY");
        long start = System.nanoTime();
        while (handler.latencies.count() < options.expect()) {
            if (System.nanoTime() - start > TIMEOUT_NANOS / 2) {
                return fail("pickup", handler.latencies.count() + " of " + options.expect()
                        + " jobs ran within the timeout");
            }
            Thread.sleep(10);
        }
        print("\"kind\":\"pickup\",\"variant\":\"remote\"," + handler.latencies.json());
        return 0;
    }

    private int produceAtRate(Options options) {
        int sent = sendAtRate(options);
        print("\"kind\":\"producer\",\"sent\":" + sent);
        return 0;
    }

    /** One job at a time, each stamped just before its enqueue call, at a fixed rate. */
    private int sendAtRate(Options options) {
        int total = options.rate() * options.seconds();
        long intervalNanos = 1_000_000_000L / options.rate();
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            jobs.enqueue(BenchmarkHandler.TYPE, new BenchmarkHandler.Stamp(Clock.nowMicros()));
            next += intervalNanos;
        }
        return total;
    }

    /** A worker that stays up, for the memory measurement; it says when it has run the expected jobs. */
    private int serve(Options options) throws InterruptedException {
        Thread.sleep(1_000);
        System.out.println("READY");
        while (handler.ran.get() < options.expect()) {
            Thread.sleep(20);
        }
        System.out.println("DRAINED " + handler.ran.get());
        Thread.currentThread().join();
        return 0;
    }

    private int produce(Options options) {
        List<Object> batch = Collections.nCopies(1_000, null);
        int sent = 0;
        while (sent < options.jobs()) {
            int size = Math.min(batch.size(), options.jobs() - sent);
            jobs.enqueueAll(BenchmarkHandler.TYPE, new ArrayList<>(batch.subList(0, size)), JobOptions.defaults());
            sent += size;
        }
        print("\"kind\":\"producer\",\"sent\":" + sent);
        return 0;
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


    private static int fail(String kind, String error) {
        print("\"kind\":\"" + kind + "\",\"error\":\"" + error.replace("\"", "'") + "\"");
        return 1;
    }

    private static void print(String fields) {
        System.out.println("BENCH {\"impl\":\"extension\",\"store\":\"" + BenchmarkStore.NAME + "\"," + fields + "}");
        System.out.flush();
    }
}
