package io.quarkiverse.jobqueue.runtime.engine;

import jakarta.enterprise.invoke.Invoker;

import io.quarkus.runtime.RuntimeValue;

/** What the build found out about one {@code @JobHandler} method; recorded into the application. */
public class HandlerMetadata {

    private String type;
    private String queue;
    private int maxAttempts;
    private int version;
    private String payloadType;
    private int payloadIndex = -1;
    private int contextIndex = -1;
    private int parameterCount;
    private String target;
    private String timeout;
    private int maxConcurrency;
    private int rateLimit;
    /** ISO-8601, or {@code null} without a rate limit. */
    private String ratePeriod;
    private RuntimeValue<Invoker<Object, Object>> invoker;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

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

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
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

    public RuntimeValue<Invoker<Object, Object>> getInvoker() {
        return invoker;
    }

    public void setInvoker(RuntimeValue<Invoker<Object, Object>> invoker) {
        this.invoker = invoker;
    }
}
