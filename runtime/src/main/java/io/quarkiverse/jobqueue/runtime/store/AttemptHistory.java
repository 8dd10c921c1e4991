package io.quarkiverse.jobqueue.runtime.store;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkiverse.jobqueue.JobAttempt;

/**
 * The stored form of a job's failed attempts: a JSON array. It uses its own mapper, so that the application's
 * Jackson customisations never change what is stored.
 */
public final class AttemptHistory {

    /** Also writes {@link StoredProgress}. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<JobAttempt>> LIST = new TypeReference<>() {
    };

    private AttemptHistory() {
    }

    /** The attempts in {@code json}, oldest first; empty for {@code null}. */
    public static List<JobAttempt> parse(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(MAPPER.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored attempt history is not valid JSON: " + json, e);
        }
    }

    /** {@code json} with {@code attempt} appended. */
    public static String append(String json, JobAttempt attempt) {
        List<JobAttempt> attempts = new ArrayList<>(parse(json));
        attempts.add(attempt);
        try {
            return MAPPER.writeValueAsString(attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the attempt history", e);
        }
    }
}
