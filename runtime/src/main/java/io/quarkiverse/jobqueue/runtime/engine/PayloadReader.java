package io.quarkiverse.jobqueue.runtime.engine;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkiverse.jobqueue.NonRetryableJobException;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;

/**
 * Reads a claimed job's payload as its handler's parameter type. A payload enqueued with an older version goes first
 * through the upcasters from its version up to the handler's, one version at a time. Every problem here is
 * deterministic, so it ends the job as {@code DEAD} with a message that says how to fix it.
 */
final class PayloadReader {

    private final HandlerRegistry handlers;
    private final ObjectMapper mapper;
    /** A reader per job type with a payload, made at start so that the first job does not build its deserializer. */
    private final Map<String, ObjectReader> readers = new HashMap<>();

    PayloadReader(HandlerRegistry handlers, ObjectMapper mapper) {
        this.handlers = handlers;
        this.mapper = mapper;
        for (HandlerDefinition handler : handlers.all()) {
            if (handler.payloadType() != null) {
                readers.put(handler.type(), mapper.readerFor(handler.payloadType()));
            }
        }
    }

    Object read(HandlerDefinition handler, ClaimedJob job) throws NonRetryableJobException {
        if (handler.payloadType() == null) {
            return null;
        }
        String json = job.payload();
        try {
            if (job.payloadVersion() != handler.version()) {
                return readers.get(handler.type()).readValue(upcast(handler, job, readTree(json)));
            }
            // JSON null needs no parser unless the type is primitive.
            if ((json == null || json.equals("null")) && !handler.payloadType().isPrimitive()) {
                return null;
            }
            return readers.get(handler.type()).readValue(json);
        } catch (NonRetryableJobException e) {
            throw e;
        } catch (Exception e) {
            throw new NonRetryableJobException("The payload cannot be read as " + handler.payloadType().toCanonical()
                    + " for " + handler.target() + " (payload version " + job.payloadVersion() + "): " + e.getMessage()
                    + ". Fix the handler's parameter type or its upcasters, then replay the job", e);
        }
    }

    private JsonNode readTree(String json) throws Exception {
        return mapper.readTree(json == null ? "null" : json);
    }

    private JsonNode upcast(HandlerDefinition handler, ClaimedJob job, JsonNode payload)
            throws NonRetryableJobException {
        int enqueued = job.payloadVersion();
        if (enqueued > handler.version()) {
            throw new NonRetryableJobException("The payload has version " + enqueued + ", newer than version "
                    + handler.version() + " of " + handler.target() + ": a newer deployment enqueued it. Run the "
                    + "newer deployment, then replay the job");
        }
        JsonNode current = payload;
        for (int version = enqueued; version < handler.version(); version++) {
            UpcasterDefinition upcaster = handlers.upcaster(handler.type(), version);
            if (upcaster == null) {
                throw new NonRetryableJobException("The payload has version " + enqueued + " and no upcaster "
                        + "converts job type '" + handler.type() + "' from version " + version + " toward version "
                        + handler.version() + " of " + handler.target() + ": add @JobUpcaster(value = \""
                        + handler.type() + "\", from = " + version + "), then replay the job");
            }
            try {
                current = upcaster.upcast().apply(current);
            } catch (Exception e) {
                throw new NonRetryableJobException("Upcaster " + upcaster.target() + " failed on the payload of "
                        + "version " + version + ": " + e + ". Fix it, then replay the job", e);
            }
        }
        return current;
    }
}
