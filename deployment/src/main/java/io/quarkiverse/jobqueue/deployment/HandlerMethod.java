package io.quarkiverse.jobqueue.deployment;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.quarkiverse.jobqueue.JobOptions;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkus.runtime.configuration.DurationConverter;

/** The shape of one {@code @JobHandler} method, and everything wrong with it. */
final class HandlerMethod {

    static final DotName JOB_HANDLER = DotName.createSimple(JobHandler.class);
    private static final DotName JOB_CONTEXT = DotName.createSimple(JobContext.class);
    private static final List<DotName> ASYNC_RESULTS = List.of(
            DotName.createSimple("java.util.concurrent.CompletionStage"),
            DotName.createSimple("java.util.concurrent.CompletableFuture"),
            DotName.createSimple("io.smallrye.mutiny.Uni"));
    /** Streams of results: one stored result cannot hold them. */
    private static final List<DotName> STREAMS = List.of(
            DotName.createSimple("io.smallrye.mutiny.Multi"),
            DotName.createSimple("org.reactivestreams.Publisher"),
            DotName.createSimple("java.util.concurrent.Flow$Publisher"),
            DotName.createSimple("java.util.stream.Stream"));

    final MethodInfo method;
    final String type;
    final String queue;
    final int maxAttempts;
    final int version;
    /** {@code null} for the configured default. */
    final Duration timeout;
    final int maxConcurrency;
    final int rateLimit;
    final String ratePeriodText;
    /** {@code null} when the annotation names no period, or an invalid one. */
    Duration ratePeriod;
    final String target;
    final List<String> problems = new ArrayList<>();
    int payloadIndex = -1;
    int contextIndex = -1;

    HandlerMethod(MethodInfo method, AnnotationInstance annotation) {
        this.method = method;
        this.target = method.declaringClass().name() + "#" + method.name() + "()";
        this.type = annotation.value().asString();
        AnnotationValue queueValue = annotation.value("queue");
        this.queue = queueValue == null ? JobOptions.DEFAULT_QUEUE : queueValue.asString();
        AnnotationValue attempts = annotation.value("maxAttempts");
        this.maxAttempts = attempts == null ? JobHandler.DEFAULT_MAX_ATTEMPTS : attempts.asInt();
        AnnotationValue versionValue = annotation.value("version");
        this.version = versionValue == null ? 1 : versionValue.asInt();
        AnnotationValue timeoutValue = annotation.value("timeout");
        this.timeout = timeoutValue == null || timeoutValue.asString().isBlank() ? null
                : parseTimeout(timeoutValue.asString());
        AnnotationValue concurrency = annotation.value("maxConcurrency");
        this.maxConcurrency = concurrency == null ? 0 : concurrency.asInt();
        AnnotationValue rate = annotation.value("rateLimit");
        this.rateLimit = rate == null ? 0 : rate.asInt();
        AnnotationValue period = annotation.value("ratePeriod");
        this.ratePeriodText = period == null ? "" : period.asString();
        validate();
    }

    Type payloadType() {
        return payloadIndex < 0 ? null : method.parameterType(payloadIndex);
    }

    /** The type of the value stored as the result: the return type, or that of its Uni or CompletionStage. */
    Type resultType() {
        Type returnType = method.returnType();
        if (ASYNC_RESULTS.contains(returnType.name())) {
            return returnType.kind() == Type.Kind.PARAMETERIZED_TYPE
                    ? returnType.asParameterizedType().arguments().get(0)
                    : null;
        }
        return returnType.kind() == Type.Kind.VOID ? null : returnType;
    }

    private Duration parseTimeout(String text) {
        Duration parsed;
        try {
            parsed = DurationConverter.parseDuration(text.trim());
        } catch (RuntimeException e) {
            problems.add("its timeout \"" + text + "\" is not a duration: write e.g. \"30s\", \"5m\" or \"PT1H\"");
            return null;
        }
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            problems.add("its timeout \"" + text + "\" is not positive: give an attempt more than zero time, e.g. "
                    + "\"30s\", or leave timeout out for quarkus.job-queue.timeout");
            return null;
        }
        return parsed;
    }

    /** The limits the annotation sets; valid only once {@link #isValid()}. */
    TypeLimit limit() {
        return new TypeLimit(maxConcurrency, rateLimit, ratePeriod);
    }

    boolean isValid() {
        return problems.isEmpty();
    }

    private void validate() {
        if (type.isBlank()) {
            problems.add("its job type is blank: name it, e.g. @JobHandler(\"send-email\")");
        }
        if (queue.isBlank()) {
            problems.add("its queue is blank: name a queue, or leave queue out for \"" + JobOptions.DEFAULT_QUEUE
                    + "\"");
        }
        if (maxAttempts < 0) {
            problems.add("maxAttempts is " + maxAttempts + ": use 0 for quarkus.job-queue.retry.max-attempts, or 1 "
                    + "or more");
        }
        if (version < 1) {
            problems.add("version is " + version + ": payload versions start at 1; leave version out for 1");
        }
        validateLimits();
        validateModifiers(method, problems);
        validateParameters();
        validateReturnType();
    }

    /** The modifiers a bean method called through an invoker needs; shared with upcasters. */
    static void validateModifiers(MethodInfo method, List<String> problems) {
        if (Modifier.isPrivate(method.flags())) {
            problems.add("it is private: make it package-private, protected or public");
        }
        if (Modifier.isStatic(method.flags())) {
            problems.add("it is static: make it an instance method of the bean");
        }
    }

    private void validateLimits() {
        if (maxConcurrency < 0) {
            problems.add("maxConcurrency is " + maxConcurrency + ": use 1 or more, or 0 for no limit");
        }
        if (rateLimit < 0) {
            problems.add("rateLimit is " + rateLimit + ": use 1 or more, or 0 for no limit");
        }
        if (!ratePeriodText.isEmpty()) {
            try {
                Duration parsed = DurationConverter.parseDuration(ratePeriodText);
                if (parsed == null || parsed.isZero() || parsed.isNegative()) {
                    problems.add("ratePeriod \"" + ratePeriodText + "\" is not longer than zero: use a positive "
                            + "duration such as \"1m\"");
                } else {
                    ratePeriod = parsed;
                }
            } catch (IllegalArgumentException e) {
                problems.add("ratePeriod \"" + ratePeriodText + "\" is not a duration: use e.g. \"1m\", \"10s\" or "
                        + "\"PT1H\"");
            }
        }
        if (rateLimit > 0 && ratePeriodText.isEmpty()) {
            problems.add("rateLimit is " + rateLimit + " without a ratePeriod: add one, e.g. ratePeriod = \"1m\"");
        }
        if (rateLimit == 0 && !ratePeriodText.isEmpty()) {
            problems.add("ratePeriod is set without a rateLimit: add rateLimit, or remove ratePeriod");
        }
    }

    private void validateParameters() {
        List<String> payloads = new ArrayList<>();
        for (MethodParameterInfo parameter : method.parameters()) {
            Type parameterType = parameter.type();
            if (parameterType.name().equals(JOB_CONTEXT)) {
                if (contextIndex >= 0) {
                    problems.add("it takes JobContext twice: declare it once");
                }
                contextIndex = parameter.position();
                continue;
            }
            payloads.add(parameterName(parameter) + " (" + parameterType + ")");
            payloadIndex = parameter.position();
            String unsupported = unsupportedPayloadType(parameterType);
            if (unsupported != null) {
                problems.add("its payload parameter " + parameterName(parameter) + " has type " + parameterType
                        + ", " + unsupported);
            }
        }
        if (payloads.size() > 1) {
            problems.add("it has " + payloads.size() + " payload parameters " + String.join(", ", payloads)
                    + ": a handler takes at most one payload and one JobContext; wrap the values in one record");
        }
    }

    private static String parameterName(MethodParameterInfo parameter) {
        return parameter.name() == null ? "#" + parameter.position() : parameter.name();
    }

    /** Why a payload of this type cannot be read from JSON, or {@code null} when it can. */
    private static String unsupportedPayloadType(Type type) {
        switch (type.kind()) {
            case TYPE_VARIABLE:
            case UNRESOLVED_TYPE_VARIABLE:
            case TYPE_VARIABLE_REFERENCE:
            case WILDCARD_TYPE:
                return "which cannot be read from JSON: use a concrete type such as a record";
            case PARAMETERIZED_TYPE:
                for (Type argument : type.asParameterizedType().arguments()) {
                    String unsupported = unsupportedPayloadType(argument);
                    if (unsupported != null) {
                        return unsupported;
                    }
                }
                return null;
            case ARRAY:
                return type.asArrayType().elementType().kind() == Type.Kind.PARAMETERIZED_TYPE
                        ? "an array of a generic type: use a List instead"
                        : unsupportedPayloadType(type.asArrayType().elementType());
            default:
                return null;
        }
    }

    private void validateReturnType() {
        Type returnType = method.returnType();
        if (STREAMS.contains(returnType.name())) {
            problems.add("it returns " + returnType + ", a stream, but a job stores one result: return void, a "
                    + "value, or a Uni or CompletionStage of one (e.g. collect the stream into a List)");
        }
    }

    /** The payload type as Jackson's canonical type name, which its TypeFactory reads back at run time. */
    static String canonicalName(Type type) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            return type.name() + type.asParameterizedType().arguments().stream().map(HandlerMethod::canonicalName)
                    .collect(Collectors.joining(",", "<", ">"));
        }
        return type.name().toString();
    }

    String describeProblems() {
        return "@JobHandler(\"" + type + "\") on " + target + " is invalid: " + String.join("; ", problems);
    }
}
