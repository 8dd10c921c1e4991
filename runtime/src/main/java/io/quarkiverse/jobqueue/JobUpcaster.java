package io.quarkiverse.jobqueue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that converts a payload of job type {@link #value()} from version {@link #from()} to
 * {@code from + 1}, so that jobs enqueued before a {@link JobHandler#version()} change still run:
 *
 * <pre>
 * &#64;JobUpcaster(value = "resize", from = 1)
 * JsonNode addFormat(JsonNode v1) {
 *     return ((ObjectNode) v1).put("format", "png");
 * }
 * </pre>
 *
 * The method takes one {@code JsonNode} (the payload as stored) and returns a {@code JsonNode}; the engine chains
 * upcasters from the job's version up to the handler's before it reads the payload. A class declaring upcasters and
 * no scope becomes a {@code @Singleton} bean.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JobUpcaster {

    /** The job type whose payloads this converts. */
    String value();

    /** The version this converts from, to {@code from + 1}. */
    int from();
}
