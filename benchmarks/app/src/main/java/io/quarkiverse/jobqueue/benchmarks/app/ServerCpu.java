package io.quarkiverse.jobqueue.benchmarks.app;

/**
 * The store server's own CPU time, read over a connection of its own that is opened before anything is measured:
 * connecting (a Vert.x instance for Redis) would otherwise run between the enqueue and the processing.
 */
interface ServerCpu extends AutoCloseable {

    /** The server's CPU time so far, in seconds; NaN where this store's server cannot tell. */
    double seconds();

    @Override
    default void close() {
    }
}
