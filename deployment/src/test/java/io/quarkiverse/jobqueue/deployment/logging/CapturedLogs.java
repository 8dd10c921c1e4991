package io.quarkiverse.jobqueue.deployment.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The extension's log records, each with the MDC of the thread that logged it: a handler on the
 * {@code io.quarkiverse.jobqueue} logger, added once the application has configured logging.
 */
public final class CapturedLogs extends Handler {

    private static final String CATEGORY = "io.quarkiverse.jobqueue";

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    /** Captures from now until {@link #close()}. */
    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger(CATEGORY).addHandler(logs);
        return logs;
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = ExtLogRecord.wrap(record);
        // The MDC is read lazily from the logging thread: keep it as it was when the line was logged.
        ext.copyAll();
        records.add(ext);
    }

    /** The records logged with {@code job.id} = {@code jobId} in the MDC, or naming the job in their message. */
    public List<ExtLogRecord> about(String jobId) {
        return records.stream().filter(r -> jobId.equals(r.getMdc("job.id")) || r.getFormattedMessage().contains(jobId))
                .toList();
    }

    public List<ExtLogRecord> all() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }
}
