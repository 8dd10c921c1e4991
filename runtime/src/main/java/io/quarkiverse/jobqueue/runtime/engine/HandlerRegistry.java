package io.quarkiverse.jobqueue.runtime.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkiverse.jobqueue.runtime.store.TypeLimit;

/** The handlers of this application, filled from the build-time discovery before start-up. */
@Singleton
public class HandlerRegistry {

    private final Map<String, HandlerDefinition> byType = new LinkedHashMap<>();
    /**
     * {@link #byType} as of the last registration, for {@link #find}, which every job calls on its worker: a read
     * without a lock, as registrations end before start-up.
     */
    private volatile Map<String, HandlerDefinition> handlers = Map.of();
    /** Per job type, the upcasters by the version they convert from. */
    private final Map<String, Map<Integer, UpcasterDefinition>> upcasters = new HashMap<>();
    private final Map<String, TypeLimit> limits = new LinkedHashMap<>();

    public synchronized void register(HandlerDefinition handler) {
        HandlerDefinition previous = byType.putIfAbsent(handler.type(), handler);
        if (previous != null) {
            throw new IllegalStateException("Job type '" + handler.type() + "' is handled by both " + previous.target()
                    + " and " + handler.target() + ": rename one of them");
        }
        handlers = Map.copyOf(byType);
    }

    public synchronized void register(UpcasterDefinition upcaster) {
        UpcasterDefinition previous = upcasters.computeIfAbsent(upcaster.type(), t -> new HashMap<>())
                .putIfAbsent(upcaster.from(), upcaster);
        if (previous != null) {
            throw new IllegalStateException("Payloads of job type '" + upcaster.type() + "' from version "
                    + upcaster.from() + " are upcast by both " + previous.target() + " and " + upcaster.target()
                    + ": remove one of them");
        }
    }

    /** The upcaster of {@code type} from version {@code from}, or {@code null} when there is none. */
    public synchronized UpcasterDefinition upcaster(String type, int from) {
        return upcasters.getOrDefault(type, Map.of()).get(from);
    }

    /** Sets the limits of a type from its handler's annotation; configuration may override them. */
    public synchronized void limit(String type, TypeLimit limit) {
        limits.put(type, limit);
    }

    /** The limits the handlers' annotations set, by type. */
    public synchronized Map<String, TypeLimit> limits() {
        return Map.copyOf(limits);
    }

    /** The handler of {@code type}, or {@code null} when this application has none. */
    public HandlerDefinition find(String type) {
        return handlers.get(type);
    }

    public synchronized Collection<HandlerDefinition> all() {
        return List.copyOf(byType.values());
    }

    /** Every type this application can run. */
    public synchronized Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /** The queues named by handlers. */
    public synchronized Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>();
        byType.values().forEach(h -> queues.add(h.queue()));
        return queues;
    }
}
