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
        assertThatThrownBy(() -> StoreSelection.select(Optional.empty(), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(StoreSelection.NO_STORE)
                .hasMessageContaining("io.quarkus:quarkus-hibernate-orm-panache")
                .hasMessageContaining("io.quarkus:quarkus-jdbc-postgresql")
                .hasMessageContaining("quarkus-jdbc-h2")
                .hasMessageContaining("quarkus.job-queue.store=memory");
    }

    @Test
    void jdbcConfiguredWithoutHibernatePanacheSaysWhatToAdd() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.of("jdbc"), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.store=jdbc needs Hibernate ORM with Panache")
                .hasMessageContaining("io.quarkus:quarkus-hibernate-orm-panache");
    }

    @Test
    void unknownStoreIsNamedEvenWithHibernatePanache() {
        assertThatThrownBy(() -> StoreSelection.select(Optional.of("redis"), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.job-queue.store=redis is not a known store")
                .hasMessageContaining("jdbc")
                .hasMessageContaining("memory");
    }

    @Test
    void hibernatePanacheSelectsJdbc() {
        assertThat(StoreSelection.select(Optional.empty(), true)).isEqualTo(StoreSelection.JDBC);
        assertThat(StoreSelection.select(Optional.of("jdbc"), true)).isEqualTo(StoreSelection.JDBC);
    }

    @Test
    void memorySelectsTheInMemoryStoreWithOrWithoutHibernatePanache() {
        assertThat(StoreSelection.select(Optional.of("memory"), false)).isEqualTo(StoreSelection.MEMORY);
        assertThat(StoreSelection.select(Optional.of("memory"), true)).isEqualTo(StoreSelection.MEMORY);
    }

    @Test
    void memoryIsNeverChosenUnlessConfigured() {
        assertThat(StoreSelection.select(Optional.empty(), true)).isEqualTo(StoreSelection.JDBC);
        assertThatThrownBy(() -> StoreSelection.select(Optional.empty(), false))
                .isInstanceOf(ConfigurationException.class);
    }
}
