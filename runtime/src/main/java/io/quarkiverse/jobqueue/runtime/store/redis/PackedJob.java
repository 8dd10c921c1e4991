package io.quarkiverse.jobqueue.runtime.store.redis;

import java.nio.charset.StandardCharsets;

import io.quarkiverse.jobqueue.runtime.store.JobStoreException;

/**
 * A job as the Redis store keeps it: the MessagePack array that the scripts' {@code cmsgpack.pack} writes, of
 * strings and {@code false} (an absent field), in the order of {@code FIELDS} in {@code common.lua}. Only that subset
 * of MessagePack is read; anything else means the key holds something the store did not write.
 */
final class PackedJob {

    static final int ID = 0;
    static final int TYPE = 1;
    static final int QUEUE = 2;
    static final int PRIORITY = 3;
    static final int MAX_ATTEMPTS = 4;
    static final int STATE = 5;
    static final int ATTEMPT = 6;
    static final int RUN_AT = 7;
    static final int CREATED_AT = 8;
    static final int STARTED_AT = 9;
    static final int FINISHED_AT = 10;
    static final int LAST_ERROR = 11;
    static final int ATTEMPTS = 12;
    static final int PAYLOAD = 13;
    static final int UNIQUE_KEY = 16;
    static final int TIMEOUT = 17;
    static final int CANCEL_REQUESTED_AT = 18;
    static final int PROGRESS = 19;
    static final int RESULT = 20;
    static final int PAYLOAD_VERSION = 21;
    static final int HEADERS = 22;

    private final byte[] bytes;
    private int position;

    private PackedJob(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The job's fields, {@code null} for absent ones. */
    static String[] fields(byte[] packed) {
        return new PackedJob(packed).array();
    }

    private String[] array() {
        int head = next();
        int size;
        if ((head & 0xf0) == 0x90) {
            size = head & 0x0f;
        } else if (head == 0xdc) {
            size = (int) unsigned(2);
        } else if (head == 0xdd) {
            size = (int) unsigned(4);
        } else {
            throw unexpected(head);
        }
        String[] fields = new String[size];
        for (int i = 0; i < size; i++) {
            fields[i] = string();
        }
        return fields;
    }

    private String string() {
        int head = next();
        int length;
        if ((head & 0xe0) == 0xa0) {
            length = head & 0x1f;
        } else if (head == 0xd9) {
            length = (int) unsigned(1);
        } else if (head == 0xda) {
            length = (int) unsigned(2);
        } else if (head == 0xdb) {
            length = (int) unsigned(4);
        } else if (head == 0xc2 || head == 0xc0) {
            return null;
        } else {
            throw unexpected(head);
        }
        if (position + length > bytes.length) {
            throw new JobStoreException("A job in Redis is cut short: " + length + " bytes announced at offset "
                    + position + " of " + bytes.length, null);
        }
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    private int next() {
        if (position >= bytes.length) {
            throw new JobStoreException("A job in Redis is cut short at offset " + position, null);
        }
        return bytes[position++] & 0xff;
    }

    private long unsigned(int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | next();
        }
        return value;
    }

    private JobStoreException unexpected(int head) {
        return new JobStoreException(String.format("A job in Redis holds MessagePack type 0x%02x at offset %d, which "
                + "the job store never writes: something else wrote the key. Delete it, or give the job queue keys of "
                + "its own with quarkus.job-queue.redis.key-prefix", head, position - 1), null);
    }
}
