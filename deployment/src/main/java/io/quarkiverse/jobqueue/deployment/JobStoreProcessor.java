package io.quarkiverse.jobqueue.deployment;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;

import io.quarkiverse.jobqueue.runtime.config.JobQueueBuildTimeConfig;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JdbcJobStore;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JobEntity;
import io.quarkiverse.jobqueue.runtime.store.jdbc.TypeLimitEntity;
import io.quarkiverse.jobqueue.runtime.store.memory.InMemoryJobStore;
import io.quarkiverse.jobqueue.runtime.store.redis.DefaultRedisStoreClient;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisStoreClient;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.GeneratedBeanBuildItem;
import io.quarkus.arc.deployment.GeneratedBeanGizmoAdaptor;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.FieldCreator;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.hibernate.orm.deployment.spi.AdditionalJpaModelBuildItem;

/** Chooses the store from the application's dependencies and wires it in. */
class JobStoreProcessor {

    /** Named, not imported: the Redis client is an optional dependency of the application. */
    private static final String REDIS_DATA_SOURCE = "io.quarkus.redis.datasource.RedisDataSource";
    private static final DotName REDIS_CLIENT_NAME = DotName.createSimple("io.quarkus.redis.client.RedisClientName");

    @BuildStep
    SelectedStoreBuildItem selectedStore(Capabilities capabilities, JobQueueBuildTimeConfig config) {
        boolean hibernatePanache = capabilities.isPresent(Capability.HIBERNATE_ORM)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.hibernate.orm.panache.PanacheEntityBase");
        boolean redisClient = capabilities.isPresent(Capability.REDIS_CLIENT);
        return new SelectedStoreBuildItem(StoreSelection.select(config.store(), hibernatePanache, redisClient));
    }

    @BuildStep
    void jdbcStore(SelectedStoreBuildItem store, JobQueueBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AdditionalIndexedClassesBuildItem> indexed,
            BuildProducer<AdditionalJpaModelBuildItem> jpaModel) {
        if (store.store() != StoreSelection.JDBC) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(JdbcJobStore.class));
        for (String entity : List.of(JobEntity.class.getName(), TypeLimitEntity.class.getName())) {
            indexed.produce(new AdditionalIndexedClassesBuildItem(entity));
            jpaModel.produce(new AdditionalJpaModelBuildItem(entity, Set.of(config.jdbc().persistenceUnit())));
        }
    }

    /** The in-memory store: its bean only, no JPA entity, so that it needs no datasource nor Hibernate. */
    @BuildStep
    void memoryStore(SelectedStoreBuildItem store, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (store.store() == StoreSelection.MEMORY) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(InMemoryJobStore.class));
        }
    }

    /** The Redis store: its bean and the Redis client it uses, no JPA entity. */
    @BuildStep
    void redisStore(SelectedStoreBuildItem store, JobQueueBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<GeneratedBeanBuildItem> generatedBeans,
            BuildProducer<UnremovableBeanBuildItem> unremovable) {
        if (store.store() != StoreSelection.REDIS) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(RedisJobStore.class));
        config.redis().clientName().ifPresentOrElse(name -> generateNamedClient(name, generatedBeans),
                () -> beans.produce(AdditionalBeanBuildItem.unremovableOf(DefaultRedisStoreClient.class)));
        // Looked up, not injected, to defer enqueues to after a JTA commit when Narayana is present.
        unremovable.produce(UnremovableBeanBuildItem.beanTypes(
                DotName.createSimple("jakarta.transaction.TransactionSynchronizationRegistry")));
    }

    /**
     * A {@link RedisStoreClient} that injects {@code @RedisClientName(name) RedisDataSource}: the Redis extension
     * creates the clients that injection points name, and this one is how the store names its client.
     */
    private static void generateNamedClient(String name, BuildProducer<GeneratedBeanBuildItem> generatedBeans) {
        try (ClassCreator client = ClassCreator.builder()
                .classOutput(new GeneratedBeanGizmoAdaptor(generatedBeans))
                .className(RedisStoreClient.class.getName() + "_Named")
                .interfaces(RedisStoreClient.class)
                .build()) {
            client.addAnnotation(Singleton.class);
            // Package-private: the generated bean class sets it directly.
            FieldCreator dataSource = client.getFieldCreator("dataSource", REDIS_DATA_SOURCE).setModifiers(0);
            dataSource.addAnnotation(Inject.class);
            dataSource.addAnnotation(AnnotationInstance.builder(REDIS_CLIENT_NAME).value(name).build());
            MethodCreator getter = client.getMethodCreator("dataSource", REDIS_DATA_SOURCE);
            getter.returnValue(getter.readInstanceField(dataSource.getFieldDescriptor(), getter.getThis()));
        }
    }
}
