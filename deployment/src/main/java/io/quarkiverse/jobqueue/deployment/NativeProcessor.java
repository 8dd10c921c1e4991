package io.quarkiverse.jobqueue.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jboss.jandex.Type;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JobEntity;
import io.quarkiverse.jobqueue.runtime.store.jdbc.TypeLimitEntity;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.runtime.util.ClassPathUtils;

/**
 * What a native executable needs beyond what the code reaches directly: the classes Jackson and Hibernate reach by
 * reflection, the resources the stores read, and the classes that must be initialised when the executable starts.
 * Handlers themselves need nothing: they are called through generated invokers.
 */
class NativeProcessor {

    /** The shipped DDL of every database and the Redis store's Lua scripts. */
    static final String RESOURCES = "db/job-queue";

    /** Jackson writes payloads of these types (and of every type they contain) and reads them back when jobs run. */
    @BuildStep
    void handlerPayloadTypes(List<JobHandlerBuildItem> handlers, BuildProducer<ReflectiveHierarchyBuildItem> hierarchies) {
        for (JobHandlerBuildItem handler : handlers) {
            if (handler.payloadType != null) {
                hierarchies.produce(ReflectiveHierarchyBuildItem.builder(handler.payloadType)
                        .source("payload of @JobHandler " + handler.target).build());
            }
        }
    }

    /** Jackson writes what a handler returns as the job's result. */
    @BuildStep
    void handlerResultTypes(List<JobHandlerBuildItem> handlers, BuildProducer<ReflectiveHierarchyBuildItem> hierarchies) {
        for (JobHandlerBuildItem handler : handlers) {
            if (handler.resultType != null) {
                hierarchies.produce(ReflectiveHierarchyBuildItem.builder(handler.resultType)
                        .source("result of @JobHandler " + handler.target).build());
            }
        }
    }

    /**
     * The handler registry turns each payload type's canonical name back into a Jackson type when the application
     * starts, which looks every class it names up by name: {@code java.util.List} of {@code List<Order>} too, which
     * the hierarchy registration leaves out as a JDK class.
     */
    @BuildStep
    void payloadClassLookups(List<JobHandlerBuildItem> handlers, BuildProducer<ReflectiveClassBuildItem> classes) {
        Set<String> names = new TreeSet<>();
        for (JobHandlerBuildItem handler : handlers) {
            if (handler.payloadType != null) {
                collectClassNames(handler.payloadType, names);
            }
        }
        if (!names.isEmpty()) {
            classes.produce(ReflectiveClassBuildItem.builder(names.toArray(String[]::new))
                    .constructors(false).methods(false).fields(false)
                    .reason("looked up by name when the job queue registers its handlers").build());
        }
    }

    /** The names {@code Class.forName} gets for this type's canonical name; primitives need no look-up. */
    private static void collectClassNames(Type type, Set<String> names) {
        switch (type.kind()) {
            case CLASS, ARRAY -> names.add(type.name().toString());
            case PARAMETERIZED_TYPE -> {
                names.add(type.name().toString());
                type.asParameterizedType().arguments().forEach(argument -> collectClassNames(argument, names));
            }
            default -> {
            }
        }
    }

    /**
     * {@link JobInfo} and what it holds is what applications return from their endpoints; attempts and progress are
     * also stored as JSON by the extension's own mapper. Named one by one: the extension's jar is not in the index
     * that a hierarchy registration walks.
     */
    @BuildStep
    ReflectiveClassBuildItem extensionJsonTypes() {
        return ReflectiveClassBuildItem.builder(JobInfo.class, JobAttempt.class, JobProgress.class, JobId.class,
                JobState.class).constructors().methods().fields().reason("JSON types of the job queue").build();
    }

    /** Hibernate ORM registers the JPA model too; registering here keeps the store independent of that. */
    @BuildStep
    void jdbcStoreEntities(SelectedStoreBuildItem store, BuildProducer<ReflectiveClassBuildItem> classes) {
        if (store.store() == StoreSelection.JDBC) {
            classes.produce(ReflectiveClassBuildItem.builder(JobEntity.class, TypeLimitEntity.class)
                    .constructors().methods().fields().reason("entities of the job queue's JDBC store").build());
        }
    }

    /**
     * Every file under {@code db/job-queue}: the Redis store reads its scripts as resources, and applications run the
     * shipped DDL from the class path (Flyway, Liquibase). All of them, whatever the store: they are small, and a
     * migration added later is registered without a change here.
     */
    @BuildStep
    NativeImageResourceBuildItem storeResources() throws IOException {
        List<String> resources = new ArrayList<>();
        ClassPathUtils.consumeAsPaths(Thread.currentThread().getContextClassLoader(), RESOURCES, root -> {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).map(file -> RESOURCES + "/" + root.relativize(file).toString()
                        .replace(root.getFileSystem().getSeparator(), "/")).forEach(resources::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the job queue's resources under " + root, e);
            }
        });
        if (resources.isEmpty()) {
            throw new IllegalStateException("No resource under " + RESOURCES + " on the class path: the "
                    + "quarkus-job-queue runtime jar is incomplete; rebuild or download it again");
        }
        return new NativeImageResourceBuildItem(resources);
    }

    /**
     * The stored-JSON mapper is made when the executable starts, not frozen into the image at build time: it then
     * takes the Jackson defaults in force at run time and a symbol-table hash seed of its own.
     */
    @BuildStep
    RuntimeInitializedClassBuildItem attemptHistoryAtRunTime() {
        return new RuntimeInitializedClassBuildItem(AttemptHistory.class.getName());
    }
}
