package io.quarkiverse.jobqueue.runtime.engine;

import java.time.Duration;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A job type this application can run.
 *
 * @param maxAttempts attempts from the annotation, or {@code 0} for the configured default
 * @param version the payload version the handler reads; jobs are enqueued with it
 * @param payloadType the payload parameter's type, or {@code null} when the handler takes no payload
 * @param target the handler method, for messages: {@code org.acme.Mailer#send}
 * @param timeout the annotation's timeout, or {@code null} for the configured default
 */
public record HandlerDefinition(String type, String queue, int maxAttempts, int version, JavaType payloadType,
        HandlerInvocation invocation, String target, Duration timeout) {
}
