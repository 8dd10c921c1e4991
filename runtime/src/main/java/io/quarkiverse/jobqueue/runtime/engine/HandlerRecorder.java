package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.invoke.Invoker;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;

/** Registers the handlers and upcasters found at build time; each is called through its generated ArC invoker. */
@Recorder
public class HandlerRecorder {

    public void registerHandlers(BeanContainer beans, List<HandlerMetadata> handlers, List<UpcasterMetadata> upcasters) {
        HandlerRegistry registry = beans.beanInstance(HandlerRegistry.class);
        TypeFactory types = TypeFactory.defaultInstance().withClassLoader(Thread.currentThread().getContextClassLoader());
        for (HandlerMetadata handler : handlers) {
            JavaType payloadType = handler.getPayloadType() == null ? null
                    : types.constructFromCanonical(handler.getPayloadType());
            registry.register(new HandlerDefinition(handler.getType(), handler.getQueue(), handler.getMaxAttempts(),
                    handler.getVersion(), payloadType, invocation(handler), handler.getTarget(),
                    handler.getTimeout() == null ? null : Duration.parse(handler.getTimeout())));
            TypeLimit limit = new TypeLimit(handler.getMaxConcurrency(), handler.getRateLimit(),
                    handler.getRatePeriod() == null ? null : Duration.parse(handler.getRatePeriod()));
            if (limit.isLimited()) {
                registry.limit(handler.getType(), limit);
            }
        }
        for (UpcasterMetadata upcaster : upcasters) {
            Invoker<Object, Object> invoker = upcaster.getInvoker().getValue();
            registry.register(new UpcasterDefinition(upcaster.getType(), upcaster.getFrom(),
                    payload -> (JsonNode) invoker.invoke(null, new Object[] { payload }), upcaster.getTarget()));
        }
    }

    private static HandlerInvocation invocation(HandlerMetadata handler) {
        Invoker<Object, Object> invoker = handler.getInvoker().getValue();
        int parameterCount = handler.getParameterCount();
        int payloadIndex = handler.getPayloadIndex();
        int contextIndex = handler.getContextIndex();
        return (payload, context) -> {
            Object[] arguments = new Object[parameterCount];
            if (payloadIndex >= 0) {
                arguments[payloadIndex] = payload;
            }
            if (contextIndex >= 0) {
                arguments[contextIndex] = context;
            }
            return invoker.invoke(null, arguments);
        };
    }
}
