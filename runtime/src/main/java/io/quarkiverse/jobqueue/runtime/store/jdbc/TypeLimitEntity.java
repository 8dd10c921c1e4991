package io.quarkiverse.jobqueue.runtime.store.jdbc;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per limited job type: the row a claim of the type locks, so that claims of a limited type are serialised
 * across instances, and the type's rate window. Mapped so that Hibernate creates and validates it with the job table;
 * only the store's own JDBC reads and writes it.
 */
@Entity
@Table(name = TypeLimitEntity.TABLE)
public class TypeLimitEntity {

    public static final String TABLE = "job_queue_limit";

    @Id
    @Column(name = "job_type", nullable = false, length = 255)
    public String type;

    /** When the current rate window opened; {@code null} before the first start. */
    @Column(name = "window_start")
    public Instant windowStart;

    @Column(name = "window_starts", nullable = false)
    public int windowStarts;
}
