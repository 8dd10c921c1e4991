package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds one pooled connection on {@code LISTEN job_queue} and wakes the workers of each queue another process
 * enqueued to. A lost connection is opened again; polling covers the gap.
 */
final class PostgreSqlNotificationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgreSqlNotificationListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 2_000;
    private static final long LISTEN_TIMEOUT_SECONDS = 5;

    private final ConnectionProvider connections;
    private final Consumer<String> onJobsAvailable;
    private final Thread thread;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running = true;

    PostgreSqlNotificationListener(ConnectionProvider connections, Consumer<String> onJobsAvailable) {
        this.connections = connections;
        this.onJobsAvailable = onJobsAvailable;
        this.thread = new Thread(this::loop, "job-queue-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening and waits briefly until the first {@code LISTEN} is in place, so that a job enqueued right
     * after the engine starts wakes it; if the database is slow or down, polling covers the wait.
     */
    void start() {
        thread.start();
        try {
            if (!listening.await(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("Not yet listening for job notifications after %d s; workers poll until then",
                        LISTEN_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(WAIT_MILLIS * 4L);
    }

    private void loop() {
        while (running) {
            Connection connection = null;
            try {
                connection = connections.getConnection();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + JdbcDialect.PostgreSqlDialect.CHANNEL);
                }
                listening.countDown();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            onJobsAvailable.accept(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf(e, "Lost the job notification connection; workers poll until it is back (in %d ms)",
                            RECONNECT_MILLIS);
                    pause();
                }
            } finally {
                release(connection);
            }
        }
    }

    private void release(Connection connection) {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            LOG.debug("Could not UNLISTEN before returning the connection", e);
        }
        try {
            connections.closeConnection(connection);
        } catch (SQLException e) {
            LOG.warn("Could not return the job notification connection to the pool", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
