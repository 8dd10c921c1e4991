package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.GeneratedColumn;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.StoredProgress;
import io.quarkiverse.jobqueue.runtime.store.StoredState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One job in the job table. The shipped DDL ({@code db/job-queue/<database>/V1__job_queue.sql}) creates the same
 * table with the indexes claiming needs; Hibernate schema management creates a simpler one for dev and tests.
 */
@Entity
@Table(name = JobEntity.TABLE, indexes = {
        @Index(name = "job_queue_job_runnable", columnList = "queue_name, state, priority, run_at"),
        @Index(name = "job_queue_job_lease", columnList = "state, lease_expires_at"),
        @Index(name = "job_queue_job_created", columnList = "created_at"),
        @Index(name = JobEntity.UNIQUE_KEY_INDEX, columnList = "active_unique_key", unique = true),
        @Index(name = "job_queue_job_keyed", columnList = "unique_key")
})
public class JobEntity extends PanacheEntityBase {

    public static final String TABLE = "job_queue_job";
    /** Keeps unique keys of active jobs unique; enqueueing recognises a conflict by its name. */
    static final String UNIQUE_KEY_INDEX = "job_queue_job_unique_key";

    @Id
    public UUID id;

    @Column(name = "job_type", nullable = false, length = 255)
    public String type;

    @Column(name = "queue_name", nullable = false, length = 255)
    public String queue;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    public JobState state;

    @Column(name = "priority", nullable = false)
    public int priority;

    @Column(name = "attempt", nullable = false)
    public int attempt;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    @Column(name = "run_at", nullable = false)
    public Instant runAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "lease_owner", length = 255)
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "payload")
    public String payload;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "last_error")
    public String lastError;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "attempts")
    public String attempts;

    /** Defaults to 1 in the database too, as in the shipped DDL, for rows written without it. */
    @ColumnDefault("1")
    @Column(name = "payload_version", nullable = false)
    public int payloadVersion = 1;

    @Column(name = "unique_key", length = 255)
    public String uniqueKey;

    /**
     * The unique key while the job is active, else {@code null}, computed by the database on every write, so that
     * any change of state frees or takes the key. Its unique index keeps one active job per key.
     */
    @GeneratedColumn("CASE WHEN state IN ('SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING') THEN unique_key END")
    @Column(name = "active_unique_key", length = 255, insertable = false, updatable = false)
    public String activeUniqueKey;

    /** How long one attempt may run, or {@code null} for no limit. */
    @Column(name = "timeout_ms")
    public Long timeoutMillis;

    /** When cancellation of the running job was requested, or {@code null}. */
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    /** The latest {@code JobProgress} as JSON. */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "progress")
    public String progress;

    /** The handler's result as JSON. */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "result")
    public String result;

    /** What the engine carries with the job to its attempts (the trace context, ...), opaque to the store. */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "headers")
    public String headers;

    JobInfo toInfo(Instant now) {
        return new JobInfo(JobId.of(id), type, queue, StoredState.effective(state, runAt, now), priority, attempt,
                maxAttempts, runAt, createdAt, startedAt, finishedAt, lastError, AttemptHistory.parse(attempts),
                payload, payloadVersion, uniqueKey, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis),
                cancelRequestedAt, StoredProgress.parse(progress), result);
    }
}
