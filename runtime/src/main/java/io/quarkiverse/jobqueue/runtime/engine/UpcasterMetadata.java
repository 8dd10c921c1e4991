package io.quarkiverse.jobqueue.runtime.engine;

/** What the build found out about one {@code @JobUpcaster} method; recorded into the application. */
public class UpcasterMetadata extends RecordedMethod {

    private int from;

    public int getFrom() {
        return from;
    }

    public void setFrom(int from) {
        this.from = from;
    }
}
