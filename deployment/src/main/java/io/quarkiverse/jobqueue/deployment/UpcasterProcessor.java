package io.quarkiverse.jobqueue.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.jobqueue.JobUpcaster;
import io.quarkus.arc.deployment.AutoAddScopeBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Finds the {@code @JobUpcaster} methods, checks that they form, per job type, one unbroken chain up to the
 * handler's version, and generates the invokers that call them.
 */
class UpcasterProcessor {

    static final DotName JOB_UPCASTER = DotName.createSimple(JobUpcaster.class);
    private static final DotName JSON_NODE = DotName.createSimple("com.fasterxml.jackson.databind.JsonNode");

    /** A class with upcaster methods and no scope becomes a singleton bean. */
    @BuildStep
    AutoAddScopeBuildItem upcasterClassesBecomeBeans() {
        return AutoAddScopeBuildItem.builder().containsAnnotations(JOB_UPCASTER)
                .defaultScope(BuiltinScope.SINGLETON).unremovable().reason("Found @JobUpcaster methods").build();
    }

    /** Upcaster beans are looked up only by their invokers. */
    @BuildStep
    UnremovableBeanBuildItem upcasterBeansAreKept() {
        return new UnremovableBeanBuildItem(new UnremovableBeanBuildItem.BeanClassAnnotationExclusion(JOB_UPCASTER));
    }

    @BuildStep
    void validatedUpcasters(ValidationPhaseBuildItem validation, BeanArchiveIndexBuildItem beanArchive,
            InvokerFactoryBuildItem invokers, List<JobHandlerBuildItem> handlers,
            BuildProducer<JobUpcasterBuildItem> upcasters, BuildProducer<ValidationErrorBuildItem> errors) {
        IndexView index = beanArchive.getIndex();
        Map<DotName, BeanInfo> beansByClass = new LinkedHashMap<>();
        validation.getContext().beans().classBeans().forEach(bean -> beansByClass.put(bean.getBeanClass(), bean));
        Map<String, Integer> versions = new LinkedHashMap<>();
        handlers.forEach(handler -> versions.put(handler.type, handler.version));
        // Types of every @JobHandler, valid or not, so that an invalid handler is not also reported as missing.
        Set<String> handledTypes = new HashSet<>();
        index.getAnnotations(HandlerMethod.JOB_HANDLER).forEach(a -> handledTypes.add(a.value().asString()));

        List<Throwable> problems = new ArrayList<>();
        Map<String, TreeMap<Integer, String>> chains = new LinkedHashMap<>();
        for (AnnotationInstance annotation : index.getAnnotations(JOB_UPCASTER)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            String type = annotation.value().asString();
            int from = annotation.value("from").asInt();
            String target = method.declaringClass().name() + "#" + method.name() + "()";
            List<String> methodProblems = new ArrayList<>();
            validateSignature(method, methodProblems);
            BeanInfo bean = beansByClass.get(method.declaringClass().name());
            if (bean == null) {
                methodProblems.add("its class is not a bean: declare upcasters on a concrete class");
            }
            Integer version = versions.get(type);
            if (!handledTypes.contains(type)) {
                methodProblems.add("no @JobHandler handles job type \"" + type + "\": name the type of an existing "
                        + "handler, or remove the upcaster");
            } else if (from < 1) {
                methodProblems.add("from is " + from + ": payload versions start at 1");
            } else if (version != null && from >= version) {
                methodProblems.add("it converts from version " + from + ", but the handler of \"" + type
                        + "\" reads version " + version + ": upcasters convert the versions before it (1 to "
                        + (version - 1) + "); raise @JobHandler(version) to " + (from + 1) + " or lower from");
            }
            String sameFrom = chains.computeIfAbsent(type, t -> new TreeMap<>()).putIfAbsent(from, target);
            if (sameFrom != null) {
                methodProblems.add("payloads of \"" + type + "\" from version " + from + " are also upcast by "
                        + sameFrom + ": keep one upcaster per version");
            }
            if (!methodProblems.isEmpty()) {
                problems.add(new IllegalStateException("@JobUpcaster(value = \"" + type + "\", from = " + from
                        + ") on " + target + " is invalid: " + String.join("; ", methodProblems)));
                continue;
            }
            upcasters.produce(new JobUpcasterBuildItem(type, from, target,
                    invokers.createInvoker(bean, method).withInstanceLookup().build()));
        }
        chains.forEach((type, chain) -> {
            Integer version = versions.get(type);
            if (version == null) {
                return;
            }
            for (int from = chain.firstKey(); from < version; from++) {
                if (!chain.containsKey(from)) {
                    problems.add(new IllegalStateException("The upcasters of job type \"" + type + "\" " + chain
                            + " have a gap: none converts from version " + from + ", so payloads of version "
                            + chain.firstKey() + " cannot reach version " + version + " of its handler: add "
                            + "@JobUpcaster(value = \"" + type + "\", from = " + from + ")"));
                }
            }
        });
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    private static void validateSignature(MethodInfo method, List<String> problems) {
        HandlerMethod.validateModifiers(method, problems);
        if (method.parametersCount() != 1 || !method.parameterType(0).name().equals(JSON_NODE)
                || !method.returnType().name().equals(JSON_NODE)) {
            problems.add("its signature is " + method.returnType() + " " + method.name() + method.parameterTypes()
                    .toString().replace('[', '(').replace(']', ')') + ": declare JsonNode " + method.name()
                    + "(JsonNode payload), returning the payload of the next version");
        }
    }
}
