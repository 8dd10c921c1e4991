package io.quarkiverse.jobqueue;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The identity of a job: a time-ordered UUID (version 7), so ids sort by creation time. Jackson writes and reads it
 * as its string form, so that a {@link JobInfo} can be returned from a REST endpoint as it is.
 */
public final class JobId implements Comparable<JobId> {

    private final UUID uuid;
    /** The string form, made once: logs, stores and outcomes each ask for it for every job. */
    private String text;

    private JobId(UUID uuid) {
        this.uuid = Objects.requireNonNull(uuid, "uuid");
    }

    /** A new id whose first 48 bits are the current Unix time in milliseconds. */
    public static JobId newId() {
        long millis = System.currentTimeMillis();
        // 74 random bits make collisions negligible; they need not be unpredictable, so no SecureRandom (slow).
        long randomHigh = ThreadLocalRandom.current().nextLong();
        long randomLow = ThreadLocalRandom.current().nextLong();
        long msb = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long lsb = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new JobId(new UUID(msb, lsb));
    }

    /**
     * Parses an id from its string form.
     *
     * @throws IllegalArgumentException if the text is not a UUID
     */
    @JsonCreator
    public static JobId of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A job id must not be null or blank: pass the id JobQueue.enqueue returned");
        }
        try {
            return new JobId(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a job id: a job id is a UUID such as "
                    + "0190f5a4-6b1c-7d2e-8f00-123456789abc", e);
        }
    }

    public static JobId of(UUID uuid) {
        return new JobId(uuid);
    }

    public UUID uuid() {
        return uuid;
    }

    @Override
    public int compareTo(JobId other) {
        return uuid.compareTo(other.uuid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobId other && uuid.equals(other.uuid);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode();
    }

    @Override
    @JsonValue
    public String toString() {
        // A race makes equal strings twice at worst: String is immutable, so publishing it needs no lock.
        String form = text;
        if (form == null) {
            form = uuid.toString();
            text = form;
        }
        return form;
    }
}
