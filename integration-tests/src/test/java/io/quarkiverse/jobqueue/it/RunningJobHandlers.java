package io.quarkiverse.jobqueue.it;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.smallrye.mutiny.Uni;

/** Handlers of the timeout, cancellation, progress and result tests; each records what happened to it. */
@Singleton
public class RunningJobHandlers {

    public record Summary(String name, int pages) {
    }

    /** Its getter fails, so it cannot be serialised. */
    public static class Unserializable {
        public String getValue() {
            throw new IllegalStateException("no value today");
        }
    }

    /** Started attempts, per job. */
    final Map<JobId, CountDownLatch> started = new ConcurrentHashMap<>();
    /** Whether the handler ended by an interrupt, per job. */
    final Map<JobId, Boolean> interrupted = new ConcurrentHashMap<>();
    /** Lets a waiting handler finish, per job. */
    final Map<JobId, CountDownLatch> proceed = new ConcurrentHashMap<>();

    CountDownLatch started(JobId id) {
        return started.computeIfAbsent(id, key -> new CountDownLatch(1));
    }

    CountDownLatch proceed(JobId id) {
        return proceed.computeIfAbsent(id, key -> new CountDownLatch(1));
    }

    /** The first attempt sleeps far past the timeout; the second returns at once. */
    @JobHandler(value = "it-slow-first", timeout = "300ms", maxAttempts = 2)
    String slowFirst(JobContext context) throws InterruptedException {
        if (context.attempt() == 1) {
            sleepRecordingInterrupt(context);
        }
        return "attempt " + context.attempt();
    }

    /** Sleeps until interrupted. */
    @JobHandler("it-sleep")
    void sleep(JobContext context) throws InterruptedException {
        sleepRecordingInterrupt(context);
    }

    /** Swallows the interrupt and finishes its work anyway. */
    @JobHandler("it-stubborn")
    String stubborn(JobContext context) {
        started(context.id()).countDown();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            interrupted.put(context.id(), true);
        }
        return "finished anyway";
    }

    /** Works in units, looking for a cancellation between them as a non-blocking handler would. */
    @JobHandler("it-cooperative")
    void cooperative(JobContext context) {
        started(context.id()).countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!context.isCancellationRequested() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (context.isCancellationRequested()) {
            throw new java.util.concurrent.CancellationException("stopped between units of work");
        }
    }

    @JobHandler("it-progress")
    Summary progress(String name, JobContext context) throws InterruptedException {
        context.progress(1, 3, "page 1");
        started(context.id()).countDown();
        proceed(context.id()).await(30, TimeUnit.SECONDS);
        context.progress(3, 3, "done");
        return new Summary(name, 3);
    }

    @JobHandler("it-bad-progress")
    void badProgress(JobContext context) {
        context.progress(5, 3, "more done than there is");
    }

    @JobHandler("it-result-sync")
    Summary resultSync(String name) {
        return new Summary(name, 1);
    }

    @JobHandler("it-result-uni")
    Uni<Summary> resultUni(String name) {
        return Uni.createFrom().item(new Summary(name, 2));
    }

    @JobHandler("it-result-stage")
    CompletionStage<Summary> resultStage(String name) {
        return CompletableFuture.supplyAsync(() -> new Summary(name, 3));
    }

    @JobHandler("it-result-unserializable")
    Unserializable resultUnserializable() {
        return new Unserializable();
    }

    private void sleepRecordingInterrupt(JobContext context) throws InterruptedException {
        started(context.id()).countDown();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            interrupted.put(context.id(), true);
            throw e;
        }
    }
}
