package io.quarkiverse.jobqueue.benchmarks.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs one measurement in this JVM and prints one {@code BENCH {json}} line; see benchmarks/README.md. The mode
 * decides, before Quarkus starts, whether this instance runs the application's own workers.
 */
@QuarkusMain
public class BenchmarkMain {

    public static void main(String... args) {
        Options options = Options.parse(args);
        BenchmarkStore.prepare(options);
        boolean ownWorkers = switch (options.mode()) {
            case "pickup", "pickup-worker", "serve" -> true;
            default -> false;
        };
        System.setProperty("quarkus.job-queue.worker.enabled", String.valueOf(ownWorkers));
        System.setProperty("quarkus.job-queue.queues." + BenchmarkHandler.QUEUE + ".concurrency",
                String.valueOf(options.workers()));
        Quarkus.run(BenchmarkApplication.class, args);
    }
}
