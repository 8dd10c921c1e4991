package io.quarkiverse.jobqueue.runtime.engine;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored form of a job's headers (what an enqueue carries to the job's attempts, such as the trace context): a
 * JSON object of strings. It uses its own mapper, so that the application's Jackson customisations never change what
 * is stored, and other processes, in any language, can write it.
 */
public final class JobHeaders {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private JobHeaders() {
    }

    /** {@code headers} as JSON, or {@code null} when there are none (nothing is stored). */
    public static String write(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the job headers " + headers, e);
        }
    }

    /**
     * The headers in {@code json}; empty for {@code null}.
     *
     * @throws IllegalArgumentException when {@code json} is not a JSON object of strings
     */
    public static Map<String, String> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> headers = MAPPER.readValue(json, MAP);
            return headers == null ? Map.of() : headers;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The job headers are not a JSON object of strings ("
                    + e.getOriginalMessage() + "): " + json, e);
        }
    }
}
