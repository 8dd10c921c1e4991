package io.quarkiverse.jobqueue.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.NonRetryableJobException;
import io.quarkus.arc.Arc;

/** Handlers the integration tests enqueue to; each records what it saw. A singleton: tests read its fields. */
@Singleton
public class TestHandlers {

    public record Order(String orderId, List<String> items, Map<String, Integer> quantities) {
    }

    final Map<JobId, Order> orders = new ConcurrentHashMap<>();
    final Map<JobId, Instant> startedAt = new ConcurrentHashMap<>();
    final List<String> serialOrder = new CopyOnWriteArrayList<>();
    final Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<JobId, List<Instant>> attemptStarts = new ConcurrentHashMap<>();
    volatile boolean replayableFails = true;

    @JobHandler("it-order")
    void order(Order order, JobContext context) {
        orders.put(context.id(), order);
    }

    @JobHandler("it-delayed")
    void delayed(JobContext context) {
        startedAt.put(context.id(), Instant.now());
    }

    @JobHandler(value = "it-serial", queue = "serial")
    void serial(String name) {
        serialOrder.add(name);
    }

    @JobHandler("it-count")
    void count(JobContext context) {
        runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    @JobHandler(value = "it-always-fails", maxAttempts = 3)
    void alwaysFails(JobContext context) {
        attemptStarts.computeIfAbsent(context.id(), id -> new CopyOnWriteArrayList<>()).add(Instant.now());
        throw new IllegalStateException("failure " + context.attempt());
    }

    @JobHandler("it-non-retryable")
    void nonRetryable() {
        throw new NonRetryableJobException("this input can never work");
    }

    @JobHandler(value = "it-replayable", maxAttempts = 1)
    void replayable() {
        if (replayableFails) {
            throw new IllegalStateException("not yet");
        }
    }

    record ExecutionContext(String thread, boolean requestContextActive, String requestId, Object mdcId,
            Object mdcType, Object mdcAttempt) {
    }

    final Map<JobId, ExecutionContext> contexts = new ConcurrentHashMap<>();

    @Inject
    RequestData requestData;

    @JobHandler("it-context")
    void context(JobContext context) {
        contexts.put(context.id(), new ExecutionContext(Thread.currentThread().getName(),
                Arc.container().requestContext().isActive(), requestData.id(), MDC.get("job.id"), MDC.get("job.type"),
                MDC.get("job.attempt")));
    }

    @JobHandler("it-lease")
    void lease(JobContext context) {
        runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
    }
}
