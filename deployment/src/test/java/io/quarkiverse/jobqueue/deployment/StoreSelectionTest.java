package io.quarkiverse.jobqueue.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/** The store choice, without building an application. */
class StoreSelectionTest {

    @Test
    void withoutHibernatePanacheAndNoStoreConfiguredTheMessageSaysWhatToAdd() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.empty(), false, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(StoreSelection.NO_STORE)
                .hasMessageContaining("io.quarkus:quarkus-hibernate-orm-panache")
                .hasMessageContaining("io.quarkus:quarkus-jdbc-postgresql")
                .hasMessageContaining("quarkus-jdbc-h2")
                .hasMessageContaining("io.quarkus:quarkus-redis-client")
                .hasMessageContaining("quarkus.job-queue.store=memory");
    }

    @Test
    void jdbcConfiguredWithoutHibernatePanacheSaysWhatToAdd() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.of("jdbc"), false, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.store=jdbc needs Hibernate ORM with Panache")
                .hasMessageContaining("io.quarkus:quarkus-hibernate-orm-panache");
    }

    @Test
    void unknownStoreIsNamedEvenWithHibernatePanache() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.of("mongo"), true, true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.store=mongo is not a known store")
                .hasMessageContaining("jdbc")
                .hasMessageContaining("redis")
                .hasMessageContaining("memory");
    }

    @Test
    void theRedisClientAloneSelectsRedis() {
        assertThat(StoreSelection.select(Optional.empty(), false, true)).isEqualTo(StoreSelection.REDIS);
        assertThat(StoreSelection.select(Optional.of("redis"), false, true)).isEqualTo(StoreSelection.REDIS);
    }

    @Test
    void bothHibernatePanacheAndRedisWithNothingConfiguredAsksWhichOne() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.empty(), true, true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(StoreSelection.BOTH)
                .hasMessageContaining("quarkus.job-queue.store=jdbc")
                .hasMessageContaining("quarkus.job-queue.store=redis");
        assertThat(StoreSelection.select(Optional.of("jdbc"), true, true)).isEqualTo(StoreSelection.JDBC);
        assertThat(StoreSelection.select(Optional.of("redis"), true, true)).isEqualTo(StoreSelection.REDIS);
        assertThat(StoreSelection.select(Optional.of("memory"), true, true)).isEqualTo(StoreSelection.MEMORY);
    }

    @Test
    void redisConfiguredWithoutTheRedisClientSaysWhatToAdd() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.of("redis"), true, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("io.quarkus:quarkus-redis-client");
    }

    @Test
    void hibernatePanacheSelectsJdbc() {
        assertThat(StoreSelection.select(Optional.empty(), true, false)).isEqualTo(StoreSelection.JDBC);
        assertThat(StoreSelection.select(Optional.of("jdbc"), true, false)).isEqualTo(StoreSelection.JDBC);
    }

    @Test
    void memorySelectsTheInMemoryStoreWithOrWithoutHibernatePanache() {
        assertThat(StoreSelection.select(Optional.of("memory"), false, false)).isEqualTo(StoreSelection.MEMORY);
        assertThat(StoreSelection.select(Optional.of("memory"), true, false)).isEqualTo(StoreSelection.MEMORY);
    }

    @Test
    void memoryIsNeverChosenUnlessConfigured() {
        assertThat(StoreSelection.select(Optional.empty(), true, false)).isEqualTo(StoreSelection.JDBC);
        assertThatThrownBy(() -> StoreSelection.select(Optional.empty(), false, false))
                .isInstanceOf(ConfigurationException.class);
    }
}
