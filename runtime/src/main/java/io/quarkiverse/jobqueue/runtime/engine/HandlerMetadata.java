package io.quarkiverse.jobqueue.runtime.engine;

/** What the build found out about one {@code @JobHandler} method; recorded into the application. */
public class HandlerMetadata extends RecordedMethod {

    private String queue;
    private int maxAttempts;
    private int version;
    private String payloadType;
    private int payloadIndex = -1;
    private int contextIndex = -1;
    private int parameterCount;
    private String timeout;
    private int maxConcurrency;
    private int rateLimit;
    /** ISO-8601, or {@code null} without a rate limit. */
    private String ratePeriod;

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    /** The payload parameter's type in Jackson's canonical form, or {@code null} without one. */
    public String getPayloadType() {
        return payloadType;
    }

    public void setPayloadType(String payloadType) {
        this.payloadType = payloadType;
    }

    public int getPayloadIndex() {
        return payloadIndex;
    }

    public void setPayloadIndex(int payloadIndex) {
        this.payloadIndex = payloadIndex;
    }

    public int getContextIndex() {
        return contextIndex;
    }

    public void setContextIndex(int contextIndex) {
        this.contextIndex = contextIndex;
    }

    public int getParameterCount() {
        return parameterCount;
    }

    public void setParameterCount(int parameterCount) {
        this.parameterCount = parameterCount;
    }

    /** The annotation's timeout as an ISO-8601 duration, or {@code null} for the configured default. */
    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public int getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(int rateLimit) {
        this.rateLimit = rateLimit;
    }

    public String getRatePeriod() {
        return ratePeriod;
    }

    public void setRatePeriod(String ratePeriod) {
        this.ratePeriod = ratePeriod;
    }
}
