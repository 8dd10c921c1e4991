package io.quarkiverse.jobqueue.runtime.store.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Subscribes to the channel on which the store's insert script publishes queue names, and subscribes again whenever
 * the connection ends (a Redis restart, a network failure): workers poll until it is back, so a lost notification
 * only delays a job. The subscription holds one connection of the client's pool.
 * <p>
 * It subscribes on a connection of its own rather than through the data source's pub/sub commands, which register
 * their message handler only after {@code SUBSCRIBE} completes and so can miss its confirmation and wait forever.
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
    private volatile RedisConnection connection;

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
            RedisConnection subscribed = null;
            try {
                subscribed = redis.getReactive().getRedis().connectAndAwait();
                subscribed.handler(this::onMessage);
                subscribed.endHandler(ended::countDown);
                subscribed.exceptionHandler(failure -> {
                    LOG.warnf(failure, "The subscription to %s failed; workers poll until it is back", channel);
                    ended.countDown();
                });
                connection = subscribed;
                subscribed.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).await().atMost(FIRST_SUBSCRIPTION_WAIT);
                if (closed) {
                    subscribed.closeAndForget();
                    return;
                }
                firstSubscription.countDown();
                retryDelay = 100;
                ended.await();
                if (!closed) {
                    LOG.warnf("The subscription to %s ended; subscribing again", channel);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (subscribed != null) {
                    subscribed.closeAndForget();
                }
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

    /** A published message: {@code [message, channel, queue]}; the subscription's confirmation is ignored. */
    private void onMessage(Response message) {
        if (message != null && message.size() == 3 && "message".equalsIgnoreCase(message.get(0).toString())) {
            onJobsAvailable.accept(message.get(2).toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        RedisConnection current = connection;
        if (current != null) {
            current.closeAndForget();
        }
        thread.interrupt();
        thread.join(FIRST_SUBSCRIPTION_WAIT.toMillis());
    }
}
