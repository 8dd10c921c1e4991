package io.quarkiverse.jobqueue.runtime.store.redis;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Defers a Redis write to after the caller's JTA transaction commits. Loaded only when the JTA API is on the class
 * path (see {@link RedisJobStore}), so that the Redis store works in applications without Narayana.
 */
final class JtaDeferral {

    private static final Logger LOG = Logger.getLogger(JtaDeferral.class);

    private JtaDeferral() {
    }

    /**
     * @return {@code false} when there is no transaction (the caller writes now); {@code true} when {@code write}
     *         runs after the transaction commits, and never if it rolls back
     */
    static boolean deferIfActive(Runnable write) {
        InstanceHandle<TransactionSynchronizationRegistry> handle = Arc.container()
                .instance(TransactionSynchronizationRegistry.class);
        if (!handle.isAvailable()) {
            return false;
        }
        TransactionSynchronizationRegistry registry = handle.get();
        int status = registry.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            return false;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int completion) {
                if (completion != Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "The jobs enqueued in a transaction that committed could not be written to Redis");
                    throw e;
                }
            }
        });
        return true;
    }
}
