/**
 * CDI events about jobs, fired by the instance that wrote the outcome of an attempt, once it is stored: observe them
 * with {@code @Observes} (on the engine's outcome-writing thread: keep such observers quick) or {@code @ObservesAsync}.
 * An observer that throws is logged and never changes the job's outcome. Each event carries a {@link
 * io.quarkiverse.jobqueue.JobInfo} built from the attempt, without reading the store again: its {@code uniqueKey},
 * {@code cancelRequestedAt} and {@code progress} are {@code null} ({@code JobQueue.find} has them), and its times are
 * as the engine measured them, which the store may keep to a lower precision (microseconds, milliseconds).
 */
package io.quarkiverse.jobqueue.event;
