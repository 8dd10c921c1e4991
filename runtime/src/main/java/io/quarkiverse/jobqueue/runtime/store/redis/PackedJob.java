package io.quarkiverse.jobqueue.runtime.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Response;

/**
 * A job as the Redis store keeps it: the values that the scripts' {@code cmsgpack.pack} writes one after the other, in
 * the order of {@code FIELDS} in {@code common.lua}: the layout number {@link #LAYOUT}, then strings and {@code false}
 * (an absent field). Only that subset of MessagePack is read; anything else means the key holds something the store
 * did not write.
 * <p>
 * One reader goes over the jobs of a reply. For each, one pass finds where its fields lie; each is then read as the
 * type it holds, straight from the bytes, so that a claim of many jobs makes no object it does not keep: numbers,
 * times and the id are parsed in place, and a text or an instant equal to the last one read of its field (the type,
 * the queue, the start of one claim) is that object again.
 */
final class PackedJob {

    /** The layout the scripts write, the first value of every job. */
    static final int LAYOUT = 2;

    static final int STATE = 1;
    static final int OWNER = 2;
    static final int LEASE = 3;
    static final int ATTEMPT = 4;
    static final int STARTED_AT = 5;
    static final int FINISHED_AT = 6;
    static final int QUEUE = 7;
    static final int TYPE = 8;
    static final int UNIQUE_KEY = 9;
    static final int CREATED_AT = 10;
    static final int ID = 11;
    static final int PRIORITY = 12;
    static final int MAX_ATTEMPTS = 13;
    static final int RUN_AT = 14;
    static final int LAST_ERROR = 15;
    static final int ATTEMPTS = 16;
    static final int PAYLOAD = 17;
    static final int TIMEOUT = 18;
    static final int CANCEL_REQUESTED_AT = 19;
    static final int PROGRESS = 20;
    static final int RESULT = 21;
    static final int PAYLOAD_VERSION = 22;
    static final int HEADERS = 23;
    private static final int FIELDS = 24;

    private static final int ABSENT = -1;
    private static final int UUID_LENGTH = 36;

    private final byte[] bytes;
    /** Where the reply's bytes end in {@link #bytes}. */
    private final int limit;
    /** Where each field of the current job starts, {@link #ABSENT} for an absent field, and how long it is. */
    private final int[] starts = new int[FIELDS];
    private final int[] lengths = new int[FIELDS];
    /** Per field, the last text read and where its bytes lie, and the last instant: jobs of one claim share many. */
    private final String[] lastTexts = new String[FIELDS];
    private final int[] lastTextStarts = new int[FIELDS];
    private final int[] lastTextLengths = new int[FIELDS];
    private final Instant[] lastInstants = new Instant[FIELDS];
    /** The next byte to read. */
    private int position;

    private PackedJob(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
        Arrays.fill(starts, ABSENT);
    }

    /**
     * A reader of the jobs of a reply, packed one after the other (a claim returns them so, a read one per reply), read
     * in place when the reply is on the heap; {@link #next()} moves to each in turn.
     */
    static PackedJob over(Response packed) {
        if (packed == null) {
            return new PackedJob(new byte[0], 0, 0);
        }
        Buffer buffer = packed.getDelegate().toBuffer();
        ByteBuf view = buffer.getByteBuf();
        if (view.hasArray()) {
            int offset = view.arrayOffset() + view.readerIndex();
            return new PackedJob(view.array(), offset, offset + view.readableBytes());
        }
        byte[] copy = buffer.getBytes();
        return new PackedJob(copy, 0, copy.length);
    }

    /** Moves to the next job of the reply; false when there is none. */
    boolean next() {
        if (position >= limit) {
            return false;
        }
        if ((bytes[position] & 0xff) != LAYOUT) {
            throw foreign(String.format("has another layout than this store's (it starts with 0x%02x)",
                    bytes[position] & 0xff));
        }
        position++;
        for (int i = 1; i < FIELDS; i++) {
            locate(i);
        }
        return true;
    }

    /** The field as text, {@code null} when absent; the last text read of it when the bytes are the same. */
    String text(int field) {
        int start = starts[field];
        if (start == ABSENT) {
            return null;
        }
        int length = lengths[field];
        int lastStart = lastTextStarts[field];
        if (lastTexts[field] != null && lastTextLengths[field] == length
                && Arrays.equals(bytes, start, start + length, bytes, lastStart, lastStart + length)) {
            return lastTexts[field];
        }
        String text = new String(bytes, start, length, StandardCharsets.UTF_8);
        lastTexts[field] = text;
        lastTextStarts[field] = start;
        lastTextLengths[field] = length;
        return text;
    }

    boolean present(int field) {
        return starts[field] != ABSENT;
    }

    int integer(int field) {
        long value = number(field);
        if (value != (int) value) {
            throw corrupt(field, "is out of the range of an int");
        }
        return (int) value;
    }

    /** The field as epoch milliseconds, {@code null} when absent; the last instant read of it when it is the same. */
    Instant instant(int field) {
        if (!present(field)) {
            return null;
        }
        long millis = number(field);
        Instant last = lastInstants[field];
        if (last != null && last.toEpochMilli() == millis) {
            return last;
        }
        Instant instant = Instant.ofEpochMilli(millis);
        lastInstants[field] = instant;
        return instant;
    }

    /** The field as milliseconds, {@code null} when absent. */
    Duration duration(int field) {
        return present(field) ? Duration.ofMillis(number(field)) : null;
    }

    /** The job's id, parsed from its canonical form without an intermediate string. */
    JobId id() {
        int start = starts[ID];
        if (start == ABSENT || lengths[ID] != UUID_LENGTH || bytes[start + 8] != '-' || bytes[start + 13] != '-'
                || bytes[start + 18] != '-' || bytes[start + 23] != '-') {
            return JobId.of(text(ID));
        }
        long high = hex(start, 8) << 32 | hex(start + 9, 4) << 16 | hex(start + 14, 4);
        long low = hex(start + 19, 4) << 48 | hex(start + 24, 12);
        return JobId.of(new UUID(high, low));
    }

    /** A decimal integer as the scripts write it: an optional minus sign, then digits. */
    private long number(int field) {
        int start = starts[field];
        if (start == ABSENT) {
            throw corrupt(field, "is absent, where a number is required");
        }
        int end = start + lengths[field];
        boolean negative = end > start && bytes[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end || end - i > 18) {
            throw corrupt(field, "is not a number: '" + text(field) + "'");
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw corrupt(field, "is not a number: '" + text(field) + "'");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private long hex(int start, int digits) {
        long value = 0;
        for (int i = start; i < start + digits; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) {
                throw corrupt(ID, "is not a job id: '" + text(ID) + "'");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private void locate(int field) {
        int head = nextByte();
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
            starts[field] = ABSENT;
            return;
        } else {
            throw unexpected(head);
        }
        if (length < 0 || position + length > limit) {
            throw new JobStoreException("A job in Redis is cut short: " + length + " bytes announced where "
                    + (limit - position) + " are left", null);
        }
        starts[field] = position;
        lengths[field] = length;
        position += length;
    }

    private int nextByte() {
        if (position >= limit) {
            throw new JobStoreException("A job in Redis is cut short", null);
        }
        return bytes[position++] & 0xff;
    }

    private long unsigned(int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | nextByte();
        }
        return value;
    }

    private JobStoreException corrupt(int field, String problem) {
        return foreign("has a field " + field + " that " + problem);
    }

    private JobStoreException unexpected(int head) {
        return foreign(String.format("holds MessagePack type 0x%02x, which the job store never writes", head));
    }

    private static JobStoreException foreign(String problem) {
        return new JobStoreException("A job in Redis " + problem + ": an earlier snapshot of the extension or something "
                + "else wrote the key. Delete it, or give the job queue keys of its own with "
                + "quarkus.job-queue.redis.key-prefix", null);
    }
}
