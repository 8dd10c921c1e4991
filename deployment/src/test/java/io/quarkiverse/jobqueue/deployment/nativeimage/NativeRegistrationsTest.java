package io.quarkiverse.jobqueue.deployment.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobAttempt;
import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobProgress;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Address;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Batch;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Customer;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Document;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Email;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Invoice;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Line;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Manifest;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Money;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Notification;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.OrderPlaced;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Parcel;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Price;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Quote;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Receipt;
import io.quarkiverse.jobqueue.deployment.nativeimage.ShippingHandlers.Sms;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JobEntity;
import io.quarkiverse.jobqueue.runtime.store.jdbc.TypeLimitEntity;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * What the build registers for a native executable of {@link ShippingHandlers}, without building one: a build step
 * added to the test's build records every reflection, resource and run-time initialisation registration as a
 * generated resource, which the tests read back in the application.
 */
class NativeRegistrationsTest {

    /** One line per registration: {@code class <name> <constructors|methods|fields...>}, {@code resource <path>}... */
    static final String RECORD = "job-queue-native-registrations.txt";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShippingHandlers.class))
            .overrideConfigKey("quarkus.job-queue.store", "jdbc")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:native-registrations;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .addBuildChainCustomizer(recordRegistrations());

    private static Consumer<BuildChainBuilder> recordRegistrations() {
        return chain -> chain.addBuildStep(NativeRegistrationsTest::record)
                .consumes(ReflectiveClassBuildItem.class)
                .consumes(ReflectiveHierarchyBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class)
                .consumes(RuntimeInitializedClassBuildItem.class)
                .produces(GeneratedResourceBuildItem.class)
                .build();
    }

    private static void record(BuildContext context) {
        // Several items may register one class; the native configuration grants the union, and so does this.
        Map<String, Set<String>> classes = new TreeMap<>();
        for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
            for (String name : item.getClassNames()) {
                Set<String> access = classes.computeIfAbsent(name, n -> new TreeSet<>());
                access.add("lookup");
                if (item.isConstructors()) {
                    access.add("constructors");
                }
                if (item.isMethods()) {
                    access.add("methods");
                }
                if (item.isFields()) {
                    access.add("fields");
                }
            }
        }
        List<String> lines = new ArrayList<>();
        classes.forEach((name, access) -> lines.add("class " + name + " " + String.join(",", access)));
        context.consumeMulti(ReflectiveHierarchyBuildItem.class)
                .forEach(item -> lines.add("hierarchy " + item.getType() + " " + item.getSource()));
        context.consumeMulti(NativeImageResourceBuildItem.class)
                .forEach(item -> item.getResources().forEach(resource -> lines.add("resource " + resource)));
        context.consumeMulti(RuntimeInitializedClassBuildItem.class)
                .forEach(item -> lines.add("runtime-init " + item.getClassName()));
        context.produce(new GeneratedResourceBuildItem(RECORD,
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void payloadTypesAndEveryTypeTheyReachAreRegisteredForJackson() throws IOException {
        assertFullyReflective(OrderPlaced.class, Customer.class, Address.class, Line.class, // records in records
                Invoice.class, Document.class, Money.class, // a POJO, its superclass, its field's type
                Parcel.class, Price.class, // type arguments of List<Parcel> and Map<String, Price>
                Notification.class, Sms.class, Email.class, // an abstract type and its subclasses
                Batch.class); // the component type of Batch[]
    }

    @Test
    void resultTypesAreRegisteredForJackson() throws IOException {
        // Returned as such, in a Uni, and as a List in a CompletionStage.
        assertFullyReflective(Receipt.class, Manifest.class, Quote.class);
    }

    @Test
    void eachPayloadHierarchyNamesItsHandler() throws IOException {
        assertThat(lines("hierarchy ")).contains(
                "hierarchy java.util.List<" + Parcel.class.getName() + "> payload of @JobHandler "
                        + ShippingHandlers.class.getName() + "#shipParcels()",
                "hierarchy java.util.List<" + Quote.class.getName() + "> result of @JobHandler "
                        + ShippingHandlers.class.getName() + "#priceList()");
    }

    @Test
    void everyClassNamedInAPayloadTypeCanBeLookedUpByName() throws IOException {
        // The handler registry rebuilds the payload types from their names when the application starts.
        for (String name : List.of("java.util.List", "java.util.Map", "java.lang.String", "[L" + Batch.class.getName()
                + ";", OrderPlaced.class.getName())) {
            assertThat(accessOf(name)).as("what %s is registered for", name).contains("lookup");
        }
    }

    @Test
    void theExtensionsOwnJsonTypesAreRegistered() throws IOException {
        assertFullyReflective(JobInfo.class, JobAttempt.class, JobProgress.class, JobId.class, JobState.class);
    }

    @Test
    void theJdbcStoresEntitiesAreRegistered() throws IOException {
        assertFullyReflective(JobEntity.class, TypeLimitEntity.class);
    }

    @Test
    void theShippedDdlAndEveryRedisScriptAreResources() throws IOException {
        List<String> expected = new ArrayList<>(List.of("db/job-queue/postgresql/V1__job_queue.sql",
                "db/job-queue/mariadb/V1__job_queue.sql", "db/job-queue/h2/V1__job_queue.sql"));
        RedisJobStore.SCRIPT_NAMES.forEach(name -> expected.add("db/job-queue/redis/" + name + ".lua"));

        assertThat(lines("resource ")).containsAll(expected.stream().map(name -> "resource " + name).toList());
    }

    @Test
    void theStoredJsonMapperIsMadeWhenTheExecutableStarts() throws IOException {
        assertThat(lines("runtime-init ")).contains("runtime-init " + AttemptHistory.class.getName());
    }

    private static void assertFullyReflective(Class<?>... types) throws IOException {
        for (Class<?> type : types) {
            assertThat(accessOf(type.getName())).as("what %s is registered for", type.getName())
                    .contains("constructors", "methods", "fields");
        }
    }

    private static String accessOf(String className) throws IOException {
        return lines("class " + className + " ").stream().findFirst()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .orElse("nothing: " + className + " is not registered for reflection");
    }

    private static List<String> lines(String prefix) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RECORD)) {
            assertThat(in).as("%s, written by the build step this test adds", RECORD).isNotNull();
            try (Stream<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()) {
                return lines.filter(line -> line.startsWith(prefix)).toList();
            }
        }
    }
}
