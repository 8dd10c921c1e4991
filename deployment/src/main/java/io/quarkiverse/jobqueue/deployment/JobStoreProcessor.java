package io.quarkiverse.jobqueue.deployment;

import java.util.Set;

import org.jboss.jandex.DotName;

import io.quarkiverse.jobqueue.runtime.config.JobQueueBuildTimeConfig;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JdbcJobStore;
import io.quarkiverse.jobqueue.runtime.store.jdbc.JobEntity;
import io.quarkiverse.jobqueue.runtime.store.memory.InMemoryJobStore;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.hibernate.orm.deployment.spi.AdditionalJpaModelBuildItem;

/** Chooses the store from the application's dependencies and wires it in. */
class JobStoreProcessor {

    static final String POSTGRESQL_DDL = "db/job-queue/postgresql/V1__job_queue.sql";

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
            BuildProducer<AdditionalJpaModelBuildItem> jpaModel,
            BuildProducer<NativeImageResourceBuildItem> resources) {
        if (store.store() != StoreSelection.JDBC) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(JdbcJobStore.class));
        indexed.produce(new AdditionalIndexedClassesBuildItem(JobEntity.class.getName()));
        jpaModel.produce(new AdditionalJpaModelBuildItem(JobEntity.class.getName(),
                Set.of(config.jdbc().persistenceUnit())));
        resources.produce(new NativeImageResourceBuildItem(POSTGRESQL_DDL));
    }

    /** The in-memory store: its bean only, no JPA entity, so that it needs no datasource nor Hibernate. */
    @BuildStep
    void memoryStore(SelectedStoreBuildItem store, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (store.store() == StoreSelection.MEMORY) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(InMemoryJobStore.class));
        }
    }

    /** The Redis store: its bean and its Lua scripts, no JPA entity. */
    @BuildStep
    void redisStore(SelectedStoreBuildItem store, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<UnremovableBeanBuildItem> unremovable,
            BuildProducer<NativeImageResourceBuildItem> resources) {
        if (store.store() != StoreSelection.REDIS) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(RedisJobStore.class));
        // Looked up, not injected, to defer enqueues to after a JTA commit when Narayana is present.
        unremovable.produce(UnremovableBeanBuildItem.beanTypes(
                DotName.createSimple("jakarta.transaction.TransactionSynchronizationRegistry")));
        resources.produce(new NativeImageResourceBuildItem(RedisJobStore.SCRIPT_NAMES.stream()
                .map(name -> "db/job-queue/redis/" + name + ".lua").toList()));
    }
}
