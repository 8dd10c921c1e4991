package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jdbc.ReturningWork;
import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Jobs in a SQL table mapped by {@link JobEntity} in the application's persistence unit. Enqueueing joins the
 * caller's JTA transaction; the engine's claims and outcomes run as plain JDBC in their own transactions on the
 * same session, where one statement handles a whole batch.
 */
@Singleton
public class JdbcJobStore implements JobStore {

    /** How many times a transaction the database rolled back (deadlock victim) runs before the error is thrown. */
    private static final int TRANSACTION_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(JdbcJobStore.class);
    private static final String RUNNABLE = "state IN ('SCHEDULED', 'PENDING', 'RETRYING')";
    private static final int ID_CHUNK = 1000;
    /** The SQLSTATE class of a duplicate key, among other integrity constraint violations. */
    private static final String INTEGRITY_VIOLATION = "23";

    private final TransactionSynchronizationRegistry transactions;
    private volatile JdbcDialect dialect;
    private volatile ConnectionProvider connectionProvider;
    /** The limited types whose {@link TypeLimitEntity} row exists. */
    private final Set<String> knownLimitRows = ConcurrentHashMap.newKeySet();

    private final boolean asyncCommit;

    JdbcJobStore(TransactionSynchronizationRegistry transactions, JobQueueConfig config) {
        this.transactions = transactions;
        this.asyncCommit = config.jdbc().asyncCommit();
    }

    /**
     * Finds the connection pool and the database's dialect at start-up rather than on the first enqueue or claim, so
     * that the first jobs do not wait for it. A database that is down now is looked up again on first use.
     */
    void warmUp(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        try {
            inNewTransaction(connection -> dialect(connection));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not reach the job table at start-up; jobs are enqueued and claimed once it is reachable");
        }
    }

    @Override
    public List<JobId> insert(List<NewJob> jobs, Runnable afterCommit) {
        if (!QuarkusTransaction.isActive()) {
            // No caller transaction: a plain JDBC one of its own, committed before returning, never asynchronously.
            List<JobId> holders = inNewTransaction(connection -> dialect(connection).insert(connection, jobs));
            afterCommit.run();
            return holders;
        }
        List<JobId> holders = QuarkusTransaction.joiningExisting().call(() -> work(
                connection -> dialect(connection).insert(connection, jobs)));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    afterCommit.run();
                }
            }
        });
        return holders;
    }

    /**
     * Unlimited types in one statement, as ever; limited types after them, in a transaction of their own that locks
     * each type's {@link TypeLimitEntity} row, so that claims of a limited type are serialised across instances while
     * those of unlimited types never wait for them.
     */
    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits, int limit,
            String owner, Instant now, Instant leaseUntil) {
        List<String> unlimited = new ArrayList<>();
        SortedMap<String, TypeLimit> limited = new TreeMap<>();
        for (String type : types) {
            TypeLimit typeLimit = limits.get(type);
            if (typeLimit != null && typeLimit.isLimited()) {
                limited.put(type, typeLimit);
            } else {
                unlimited.add(type);
            }
        }
        List<ClaimedJob> claimed = unlimited.isEmpty() ? List.of() : inBookkeepingTransaction(
                connection -> claim(connection, queue, unlimited, limit, owner, now, leaseUntil));
        if (limited.isEmpty() || claimed.size() >= limit) {
            return claimed;
        }
        ensureLimitRows(limited.keySet());
        List<ClaimedJob> all = new ArrayList<>(claimed);
        all.addAll(inBookkeepingTransaction(
                connection -> claimLimited(connection, queue, limited, limit - claimed.size(), owner, now, leaseUntil)));
        return all;
    }

    /** Claims the limited types one by one, in the order of their names, so that two claimers never deadlock. */
    private List<ClaimedJob> claimLimited(Connection connection, String queue, SortedMap<String, TypeLimit> limited,
            int limit, String owner, Instant now, Instant leaseUntil) throws SQLException {
        JdbcDialect sql = dialect(connection);
        List<ClaimedJob> claimed = new ArrayList<>();
        for (Map.Entry<String, TypeLimit> entry : limited.entrySet()) {
            if (claimed.size() >= limit) {
                break;
            }
            String type = entry.getKey();
            TypeLimit typeLimit = entry.getValue();
            TypeLimit.Window window = lockWindow(connection, sql, type);
            long running = typeLimit.limitsConcurrency() ? countRunning(connection, type) : 0;
            int allowed = Math.min(limit - claimed.size(), typeLimit.allowedStarts(running, window, now));
            List<ClaimedJob> started = claim(connection, queue, List.of(type), allowed, owner, now, leaseUntil);
            if (typeLimit.limitsRate() && !started.isEmpty()) {
                TypeLimit.Window next = typeLimit.afterStarts(window, started.size(), now);
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + TypeLimitEntity.TABLE
                        + " SET window_start = ?, window_starts = ? WHERE job_type = ?")) {
                    sql.bind(update, 1, List.of(next.start(), next.starts(), type));
                    update.executeUpdate();
                }
            }
            claimed.addAll(started);
        }
        return claimed;
    }

    private TypeLimit.Window lockWindow(Connection connection, JdbcDialect sql, String type) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT window_start, window_starts FROM "
                + TypeLimitEntity.TABLE + " WHERE job_type = ? FOR UPDATE")) {
            select.setString(1, type);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    knownLimitRows.remove(type);
                    throw new JobStoreException("The limit row of job type '" + type + "' was deleted from "
                            + TypeLimitEntity.TABLE + "; the next claim creates it again", null);
                }
                return new TypeLimit.Window(sql.instant(rows, "window_start"), rows.getInt("window_starts"));
            }
        }
    }

    /** Running jobs of the type in every queue. Read after the type's row is locked, so it sees every earlier claim. */
    private static long countRunning(Connection connection, String type) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + JdbcDialect.TABLE
                + " WHERE state = 'RUNNING' AND job_type = ?")) {
            count.setString(1, type);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Creates the limit row of each type this store has not seen yet, each in a transaction of its own: a row another
     * instance created first fails the insert with an integrity violation, which means it exists.
     */
    private void ensureLimitRows(Collection<String> types) {
        for (String type : types) {
            if (knownLimitRows.contains(type)) {
                continue;
            }
            try {
                inNewTransaction(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TypeLimitEntity.TABLE
                            + " (job_type, window_starts) VALUES (?, 0)")) {
                        insert.setString(1, type);
                        return insert.executeUpdate();
                    }
                });
            } catch (JobStoreException e) {
                if (!(e.getCause() instanceof SQLException cause) || cause.getSQLState() == null
                        || !cause.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                    throw e;
                }
            }
            knownLimitRows.add(type);
        }
    }

    private List<ClaimedJob> claim(Connection connection, String queue, Collection<String> types, int limit,
            String owner, Instant now, Instant leaseUntil) throws SQLException {
        if (types.isEmpty() || limit < 1) {
            return List.of();
        }
        List<Object> where = new ArrayList<>();
        where.add(queue);
        where.add(now);
        where.addAll(types);
        return dialect(connection).updateLocked(connection,
                "queue_name = ? AND " + RUNNABLE + " AND run_at <= ? AND job_type IN ("
                        + JdbcDialect.placeholders(types.size()) + ")",
                where, "priority DESC, run_at", limit,
                "state = 'RUNNING', attempt = attempt + 1, started_at = ?, lease_owner = ?, lease_expires_at = ?",
                List.of(now, owner, leaseUntil));
    }

    @Override
    public List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil) {
        return inNewTransaction(connection -> dialect(connection).updateLocked(connection,
                "state = 'RUNNING' AND lease_expires_at < ?", List.of(now), "lease_expires_at", limit,
                "lease_owner = ?, lease_expires_at = ?", List.of(owner, leaseUntil)));
    }

    @Override
    public Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil) {
        return inNewTransaction(connection -> {
            Set<JobId> cancelRequested = new HashSet<>();
            for (List<JobId> chunk : chunks(ids)) {
                updateHeld(connection, "lease_expires_at = ?", List.of(leaseUntil), chunk, owner);
                cancelRequested.addAll(cancelRequested(connection, chunk, owner));
            }
            return cancelRequested;
        });
    }

    @Override
    public boolean progress(JobId id, String owner, String progress, Instant leaseUntil) {
        return inNewTransaction(connection -> {
            updateHeld(connection, "progress = ?, lease_expires_at = ?", List.of(progress, leaseUntil), List.of(id),
                    owner);
            return !cancelRequested(connection, List.of(id), owner).isEmpty();
        });
    }

    /** The jobs among {@code ids} held by {@code owner} whose cancellation was requested. */
    private Set<JobId> cancelRequested(Connection connection, List<JobId> ids, String owner) throws SQLException {
        JdbcDialect sql = dialect(connection);
        Set<JobId> requested = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + JdbcDialect.TABLE
                + " WHERE lease_owner = ? AND " + sql.in("id", ids.size(), "uuid")
                + " AND cancel_requested_at IS NOT NULL")) {
            select.setString(1, owner);
            sql.bindIn(connection, select, 2, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    requested.add(JobId.of(rows.getObject(1, UUID.class)));
                }
            }
        }
        return requested;
    }

    @Override
    public void record(List<Outcome> outcomes, String owner) {
        inBookkeepingTransaction(connection -> {
            record(connection, outcomes, owner);
            return null;
        });
    }

    private void record(Connection connection, List<Outcome> outcomes, String owner) throws SQLException {
        List<JobId> retained = new ArrayList<>();
        List<Outcome.Succeeded> withResult = new ArrayList<>();
        List<JobId> deleted = new ArrayList<>();
        List<JobId> released = new ArrayList<>();
        List<Outcome.Released> deferred = new ArrayList<>();
        List<JobId> cancelled = new ArrayList<>();
        List<Outcome.Failed> failed = new ArrayList<>();
        Instant lastFinish = null;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Succeeded succeeded) {
                if (!succeeded.retain()) {
                    deleted.add(succeeded.id());
                } else if (succeeded.result() != null) {
                    withResult.add(succeeded);
                } else {
                    retained.add(succeeded.id());
                }
                lastFinish = latest(lastFinish, succeeded.finishedAt());
            } else if (outcome instanceof Outcome.Cancelled cancel) {
                cancelled.add(cancel.id());
                lastFinish = latest(lastFinish, cancel.finishedAt());
            } else if (outcome instanceof Outcome.Failed failure) {
                failed.add(failure);
            } else if (outcome instanceof Outcome.Released release && release.runAt() != null) {
                deferred.add(release);
            } else {
                released.add(outcome.id());
            }
        }
        // Finished jobs of one batch share its last finish time, so the batch stays one statement per end state.
        finish(connection, JobState.SUCCEEDED, retained, lastFinish, owner);
        finish(connection, JobState.CANCELLED, cancelled, lastFinish, owner);
        JdbcDialect sql = dialect(connection);
        if (!withResult.isEmpty()) {
            recordResults(connection, sql, withResult, owner);
        }
        for (List<JobId> chunk : chunks(deleted)) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + JdbcDialect.TABLE
                    + " WHERE lease_owner = ? AND " + sql.in("id", chunk.size(), "uuid"))) {
                delete.setString(1, owner);
                sql.bindIn(connection, delete, 2, chunk);
                delete.executeUpdate();
            }
        }
        for (List<JobId> chunk : chunks(released)) {
            updateHeld(connection, "state = 'PENDING', attempt = attempt - 1, lease_owner = NULL, "
                    + "lease_expires_at = NULL", List.of(), chunk, owner);
        }
        if (!failed.isEmpty()) {
            recordFailures(connection, sql, failed, owner);
        }
        if (!deferred.isEmpty()) {
            recordDeferrals(connection, sql, deferred, owner);
        }
    }

    private void finish(Connection connection, JobState state, List<JobId> ids, Instant finishedAt, String owner)
            throws SQLException {
        for (List<JobId> chunk : chunks(ids)) {
            updateHeld(connection, "state = '" + state.name() + "', finished_at = ?, lease_owner = NULL, "
                    + "lease_expires_at = NULL", List.of(finishedAt), chunk, owner);
        }
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static void recordResults(Connection connection, JdbcDialect sql, List<Outcome.Succeeded> succeeded,
            String owner) throws SQLException {
        updateEachHeld(connection, sql, "state = 'SUCCEEDED', finished_at = ?, result = ?", 2, succeeded, owner,
                (update, success) -> {
                    sql.bind(update, 1, success.finishedAt());
                    update.setString(2, success.result());
                });
    }

    private static void recordFailures(Connection connection, JdbcDialect sql, List<Outcome.Failed> failed,
            String owner) throws SQLException {
        updateEachHeld(connection, sql, "state = ?, run_at = ?, finished_at = ?, last_error = ?, attempts = ?", 5,
                failed, owner, (update, failure) -> {
                    update.setString(1, failure.next().name());
                    sql.bind(update, 2, failure.runAt());
                    sql.bind(update, 3, failure.finishedAt());
                    update.setString(4, failure.lastError());
                    update.setString(5, failure.attempts());
                });
    }

    private static void recordDeferrals(Connection connection, JdbcDialect sql, List<Outcome.Released> deferred,
            String owner) throws SQLException {
        updateEachHeld(connection, sql, "state = 'SCHEDULED', attempt = attempt - 1, run_at = ?", 1, deferred, owner,
                (update, release) -> sql.bind(update, 1, release.runAt()));
    }

    /** Binds the {@code SET} parameters of one outcome's row. */
    @FunctionalInterface
    private interface SetParameters<T> {
        void bind(PreparedStatement update, T outcome) throws SQLException;
    }

    /**
     * Applies {@code set} (with {@code setCount} parameters, bound per outcome) to each outcome's row that
     * {@code owner} still holds, ending its lease, in one batch.
     */
    private static <T extends Outcome> void updateEachHeld(Connection connection, JdbcDialect sql, String set,
            int setCount, List<T> outcomes, String owner, SetParameters<T> parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + JdbcDialect.TABLE + " SET " + set
                + ", lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?")) {
            for (T outcome : outcomes) {
                parameters.bind(update, outcome);
                sql.bind(update, setCount + 1, outcome.id());
                update.setString(setCount + 2, owner);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Updates the rows among {@code ids} that {@code owner} still holds the lease of. A lease owner is set exactly
     * while a job is RUNNING, so the owner alone guards the write; adding the state would let PostgreSQL's generic
     * plan pick the partial lease index and scan every running job.
     */
    private void updateHeld(Connection connection, String set, List<Object> setParameters, List<JobId> ids,
            String owner) throws SQLException {
        JdbcDialect sql = dialect(connection);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + JdbcDialect.TABLE + " SET " + set
                + " WHERE lease_owner = ? AND " + sql.in("id", ids.size(), "uuid"))) {
            sql.bind(update, 1, setParameters);
            update.setString(1 + setParameters.size(), owner);
            sql.bindIn(connection, update, 2 + setParameters.size(), ids);
            update.executeUpdate();
        }
    }

    @Override
    public Optional<JobInfo> find(JobId id, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> JobEntity.<JobEntity> findByIdOptional(id.uuid())
                .map(job -> job.toInfo(now)));
    }

    @Override
    public Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> JobEntity.<JobEntity> find("uniqueKey",
                Sort.descending("createdAt", "id"), uniqueKey).firstResultOptional().map(job -> job.toInfo(now)));
    }

    @Override
    public List<JobInfo> list(JobState state, String queue, int limit, Instant now) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (state == JobState.PENDING) {
            query.append(" and (state = :pending or (state = :scheduled and runAt <= :now))");
            parameters.and("pending", JobState.PENDING).and("scheduled", JobState.SCHEDULED).and("now", now);
        } else if (state == JobState.SCHEDULED) {
            query.append(" and state = :scheduled and runAt > :now");
            parameters.and("scheduled", JobState.SCHEDULED).and("now", now);
        } else if (state != null) {
            query.append(" and state = :state");
            parameters.and("state", state);
        }
        if (queue != null) {
            query.append(" and queue = :queue");
            parameters.and("queue", queue);
        }
        return QuarkusTransaction.joiningExisting().call(() -> JobEntity.<JobEntity> find(query.toString(),
                Sort.descending("createdAt", "id"), parameters).page(0, limit).list().stream()
                .map(job -> job.toInfo(now)).toList());
    }

    @Override
    public Map<JobState, Long> stats(String queue, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Session session = session();
            String byQueue = queue == null ? "" : " where queue = :queue";
            var counts = session.createSelectionQuery("select state, count(*) from JobEntity" + byQueue
                    + " group by state", Object[].class);
            var due = session.createSelectionQuery("select count(*) from JobEntity where state = :scheduled "
                    + "and runAt <= :now" + (queue == null ? "" : " and queue = :queue"), Long.class)
                    .setParameter("scheduled", JobState.SCHEDULED).setParameter("now", now);
            if (queue != null) {
                counts.setParameter("queue", queue);
                due.setParameter("queue", queue);
            }
            Map<JobState, Long> stats = new EnumMap<>(JobState.class);
            for (Object[] row : counts.getResultList()) {
                stats.put((JobState) row[0], (Long) row[1]);
            }
            long scheduledDue = due.getSingleResult();
            if (scheduledDue > 0) {
                stats.merge(JobState.SCHEDULED, -scheduledDue, Long::sum);
                stats.merge(JobState.PENDING, scheduledDue, Long::sum);
            }
            return stats;
        });
    }

    @Override
    public Cancellation cancel(JobId id, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (JobEntity.update("state = :cancelled, finishedAt = :now where id = :id and state in (:runnable)",
                    Parameters.with("cancelled", JobState.CANCELLED).and("now", now).and("id", id.uuid())
                            .and("runnable", List.of(JobState.SCHEDULED, JobState.PENDING, JobState.RETRYING))) == 1) {
                return Cancellation.CANCELLED;
            }
            return JobEntity.update("cancelRequestedAt = coalesce(cancelRequestedAt, :now) where id = :id "
                    + "and state = :running", Parameters.with("now", now).and("id", id.uuid())
                            .and("running", JobState.RUNNING)) == 1 ? Cancellation.REQUESTED : Cancellation.NONE;
        });
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        // The unique index would refuse the update with an error that fails the caller's transaction on PostgreSQL.
        return QuarkusTransaction.joiningExisting().call(() -> JobEntity.count("activeUniqueKey = (select "
                + "job.uniqueKey from JobEntity job where job.id = :id)", Parameters.with("id", id.uuid())) == 0
                && JobEntity.update(
                "state = :pending, attempt = 0, runAt = :now, startedAt = null, finishedAt = null, "
                        + "cancelRequestedAt = null, progress = null, result = null where id = :id and state in (:ended)",
                Parameters.with("pending", JobState.PENDING).and("now", now).and("id", id.uuid())
                        .and("ended", List.of(JobState.DEAD, JobState.CANCELLED))) == 1);
    }

    @Override
    public boolean delete(JobId id) {
        return QuarkusTransaction.joiningExisting().call(() -> JobEntity.delete("id = :id and state <> :running",
                Parameters.with("id", id.uuid()).and("running", JobState.RUNNING)) == 1);
    }

    @Override
    public int pruneSucceeded(Instant finishedBefore, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Ids are time-ordered, so walking the primary key finds the oldest succeeded jobs first without an
            // index on the succeeded ones, which every completion would have to update.
            List<UUID> ids = session().createSelectionQuery("select id from JobEntity where state = :succeeded "
                    + "and finishedAt < :before order by id", UUID.class).setParameter("succeeded", JobState.SUCCEEDED)
                    .setParameter("before", finishedBefore).setMaxResults(limit).getResultList();
            if (!ids.isEmpty()) {
                JobEntity.delete("id in (:ids)", Parameters.with("ids", ids));
            }
            return ids.size();
        });
    }

    @Override
    public AutoCloseable listen(Consumer<String> onJobsAvailable) {
        if (!inNewTransaction(connection -> dialect(connection).canNotify())) {
            return () -> {
            };
        }
        PostgreSqlNotificationListener listener = new PostgreSqlNotificationListener(connections(), onJobsAvailable);
        listener.start();
        return listener;
    }

    private static Session session() {
        return Panache.getSession(JobEntity.class);
    }

    private static <T> T work(ReturningWork<T> work) {
        return session().doReturningWork(work);
    }

    /**
     * Runs the engine's own statements in a plain JDBC transaction on a pooled connection: no JTA transaction and no
     * Hibernate session, which would cost more than the statements themselves on the claim path.
     */
    private <T> T inNewTransaction(ReturningWork<T> work) {
        return inNewTransaction(false, work);
    }

    /** A transaction of claims and outcomes: it may commit asynchronously ({@code quarkus.job-queue.jdbc.async-commit}). */
    private <T> T inBookkeepingTransaction(ReturningWork<T> work) {
        return inNewTransaction(asyncCommit, work);
    }

    private <T> T inNewTransaction(boolean asyncCommitAllowed, ReturningWork<T> work) {
        if (QuarkusTransaction.isActive()) {
            return QuarkusTransaction.suspendingExisting().call(() -> inNewTransaction(asyncCommitAllowed, work));
        }
        for (int attempt = 1;; attempt++) {
            try {
                return inNewTransactionOnce(asyncCommitAllowed, work);
            } catch (RuntimeException e) {
                if (attempt >= TRANSACTION_ATTEMPTS || !isTransactionRollback(e)) {
                    throw e;
                }
                // The database rolled the whole transaction back as a deadlock victim (MariaDB can pick one among
                // concurrent SKIP LOCKED claims) or a serialization failure: nothing of it was written, so run it again.
                LOG.debugf(e, "Transaction on the job table rolled back by the database (attempt %d); running it again",
                        attempt);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** SQLSTATE class 40: the database rolled the transaction back (deadlock, serialization failure). */
    private static boolean isTransactionRollback(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private <T> T inNewTransactionOnce(boolean asyncCommitAllowed, ReturningWork<T> work) {
        ConnectionProvider provider = connections();
        Connection connection;
        try {
            connection = provider.getConnection();
        } catch (SQLException e) {
            throw new JobStoreException("Cannot get a connection for the job table", e);
        }
        try {
            dialect(connection).begin(connection, asyncCommitAllowed);
            T result = work.execute(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e instanceof RuntimeException runtime ? runtime
                    : new JobStoreException("A statement on the job table failed", e);
        } finally {
            release(provider, connection);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Returns the connection to the pool; a failure here is logged, never raised over the work's own outcome. */
    private static void release(ConnectionProvider provider, Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("Could not reset a job table connection before returning it to the pool", e);
        }
        try {
            provider.closeConnection(connection);
        } catch (SQLException e) {
            LOG.warn("Could not return a connection to the pool", e);
        }
    }

    /** The persistence unit's connection pool, found once. */
    private ConnectionProvider connections() {
        ConnectionProvider current = connectionProvider;
        if (current == null) {
            current = QuarkusTransaction.requiringNew().call(() -> session().getSessionFactory()
                    .unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(ConnectionProvider.class));
            connectionProvider = current;
        }
        return current;
    }

    private JdbcDialect dialect(Connection connection) throws SQLException {
        JdbcDialect current = dialect;
        if (current == null) {
            current = JdbcDialect.of(connection);
            dialect = current;
        }
        return current;
    }

    private static List<List<JobId>> chunks(Collection<JobId> ids) {
        List<JobId> all = List.copyOf(ids);
        List<List<JobId>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ID_CHUNK)));
        }
        return chunks;
    }

    @Override
    public Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now) {
        if (types.isEmpty()) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(session()
                .createSelectionQuery("select min(runAt) from JobEntity where queue = :queue and type in :types "
                        + "and state in :runnable and runAt <= :now", Instant.class)
                .setParameter("queue", queue).setParameter("types", types)
                .setParameter("runnable", List.of(JobState.SCHEDULED, JobState.PENDING, JobState.RETRYING))
                .setParameter("now", now).getSingleResult()));
    }

    /** Jobs' times are kept in timestamp(6) columns. */
    @Override
    public TemporalUnit instantPrecision() {
        return ChronoUnit.MICROS;
    }
}
