package io.quarkiverse.jobqueue.deployment;

import org.jboss.jandex.Type;

import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** One valid {@code @JobHandler} method and the invoker generated for it. */
public final class JobHandlerBuildItem extends MultiBuildItem {

    final String type;
    final String queue;
    final int maxAttempts;
    /** {@code null} when the handler takes no payload. */
    final Type payloadType;
    final int payloadIndex;
    final int contextIndex;
    final int parameterCount;
    final String target;
    final InvokerInfo invoker;
    final TypeLimit limit;

    JobHandlerBuildItem(String type, String queue, int maxAttempts, Type payloadType, int payloadIndex,
            int contextIndex, int parameterCount, String target, InvokerInfo invoker, TypeLimit limit) {
        this.type = type;
        this.queue = queue;
        this.maxAttempts = maxAttempts;
        this.payloadType = payloadType;
        this.payloadIndex = payloadIndex;
        this.contextIndex = contextIndex;
        this.parameterCount = parameterCount;
        this.target = target;
        this.invoker = invoker;
        this.limit = limit;
    }

    public String type() {
        return type;
    }

    public String queue() {
        return queue;
    }

    public Type payloadType() {
        return payloadType;
    }

    public String target() {
        return target;
    }
}
