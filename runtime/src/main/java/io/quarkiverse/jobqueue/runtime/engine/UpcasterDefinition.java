package io.quarkiverse.jobqueue.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code @JobUpcaster} method: converts payloads of {@code type} from version {@code from} to {@code from + 1}.
 *
 * @param target the method, for messages: {@code org.acme.Upcasters#resizeFrom1()}
 */
public record UpcasterDefinition(String type, int from, Upcast upcast, String target) {

    /** Calls the upcaster method. */
    @FunctionalInterface
    public interface Upcast {
        JsonNode apply(JsonNode payload) throws Exception;
    }
}
