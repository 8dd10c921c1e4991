package io.quarkiverse.jobqueue.deployment;

import org.jboss.jandex.MethodInfo;
import java.time.Duration;

import org.jboss.jandex.Type;

import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** One valid {@code @JobHandler} method and the invoker generated for it. */
public final class JobHandlerBuildItem extends MultiBuildItem {

    final String type;
    final String queue;
    final int maxAttempts;
    final int version;
    /** {@code null} when the handler takes no payload. */
    final Type payloadType;
    final int payloadIndex;
    final int contextIndex;
    final int parameterCount;
    final String target;
    final InvokerInfo invoker;
    final MethodInfo method;
    /** {@code null} for the configured default. */
    final Duration timeout;
    /** The type of the stored result, or {@code null} when the handler returns none. */
    final Type resultType;
    final TypeLimit limit;

    JobHandlerBuildItem(String type, String queue, int maxAttempts, int version, Type payloadType, int payloadIndex,
            int contextIndex, int parameterCount, String target, InvokerInfo invoker, MethodInfo method,
            Duration timeout, Type resultType, TypeLimit limit) {
        this.type = type;
        this.queue = queue;
        this.maxAttempts = maxAttempts;
        this.version = version;
        this.payloadType = payloadType;
        this.payloadIndex = payloadIndex;
        this.contextIndex = contextIndex;
        this.parameterCount = parameterCount;
        this.target = target;
        this.invoker = invoker;
        this.method = method;
        this.timeout = timeout;
        this.resultType = resultType;
        this.limit = limit;
    }

    public String type() {
        return type;
    }

    public String queue() {
        return queue;
    }

    public int version() {
        return version;
    }

    public Type payloadType() {
        return payloadType;
    }

    public String target() {
        return target;
    }

    public MethodInfo method() {
        return method;
    }

    /** The annotation's attempts, {@code 0} for the configured default. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@code null} for the configured default. */
    public Duration timeout() {
        return timeout;
    }

    /** The limits the annotation sets. */
    public TypeLimit limit() {
        return limit;
    }
}
