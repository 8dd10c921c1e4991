package io.quarkiverse.jobqueue.runtime.store.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;

/**
 * Subscribes to the channel on which the store's insert script publishes queue names, and subscribes again whenever
 * the connection ends (a Redis restart, a network failure): workers poll until it is back, so a lost notification
 * only delays a job. The subscription holds one connection of the client's pool.
 */
final class RedisNotificationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisNotificationListener.class);
    private static final Duration FIRST_SUBSCRIPTION_WAIT = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final RedisDataSource redis;
    private final String channel;
    private final Consumer<String> onJobsAvailable;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile RedisSubscriber subscriber;

    private RedisNotificationListener(RedisDataSource redis, String channel, Consumer<String> onJobsAvailable) {
        this.redis = redis;
        this.channel = channel;
        this.onJobsAvailable = onJobsAvailable;
        this.thread = new Thread(this::subscribeUntilClosed, "job-queue-redis-listener");
        thread.setDaemon(true);
    }

    /**
     * Returns once subscribed, so that a job enqueued by another process right after the engine starts wakes it; if
     * Redis is slow or down, polling covers the wait.
     */
    static RedisNotificationListener start(RedisDataSource redis, String channel, Consumer<String> onJobsAvailable) {
        RedisNotificationListener listener = new RedisNotificationListener(redis, channel, onJobsAvailable);
        listener.thread.start();
        try {
            if (!listener.firstSubscription.await(FIRST_SUBSCRIPTION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("Not yet subscribed to %s after %d s; workers poll until then", channel,
                        FIRST_SUBSCRIPTION_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listener;
    }

    private void subscribeUntilClosed() {
        long retryDelay = 100;
        while (!closed) {
            CountDownLatch ended = new CountDownLatch(1);
            try {
                subscriber = redis.pubsub(String.class).subscribe(channel, onJobsAvailable, ended::countDown,
                        failure -> {
                            LOG.warnf(failure, "The subscription to %s failed; workers poll until it is back", channel);
                            ended.countDown();
                        });
                firstSubscription.countDown();
                retryDelay = 100;
                ended.await();
                if (!closed) {
                    LOG.warnf("The subscription to %s ended; subscribing again", channel);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Cannot subscribe to %s; workers poll until it is back (next try in %d ms)", channel,
                        retryDelay);
            }
            try {
                Thread.sleep(retryDelay);
            } catch (InterruptedException e) {
                return;
            }
            retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY.toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        RedisSubscriber current = subscriber;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                LOG.debug("Could not unsubscribe; the connection is closed with the client", e);
            }
        }
        thread.interrupt();
        thread.join(FIRST_SUBSCRIPTION_WAIT.toMillis());
    }
}
