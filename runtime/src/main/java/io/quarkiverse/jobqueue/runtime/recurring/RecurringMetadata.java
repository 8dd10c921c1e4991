package io.quarkiverse.jobqueue.runtime.recurring;

/** A {@code @Recurring} handler found at build time, recorded for start-up (a bean, as recorders need). */
public class RecurringMetadata {

    private String type;
    private String cron;
    private String every;
    private String zone;
    private String payload;
    private String target;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getEvery() {
        return every;
    }

    public void setEvery(String every) {
        this.every = every;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    /** The fixed payload as JSON, or {@code null}. */
    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    /** The handler method, for messages. */
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
