package io.quarkiverse.jobqueue.deployment;

import java.util.Optional;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Which store keeps the jobs, from {@code quarkus.job-queue.store} and the application's dependencies. */
enum StoreSelection {

    JDBC("jdbc"),
    /** Redis through the Quarkus Redis client; durable only with AOF. */
    REDIS("redis"),
    /** Not durable, no transactions: for application tests and prototypes; never chosen unless configured. */
    MEMORY("memory");

    static final String NO_STORE = "Quarkus Job Queue has no store to keep jobs in. Add Hibernate ORM with Panache "
            + "and a JDBC driver to the application: io.quarkus:quarkus-hibernate-orm-panache with, for example, "
            + "io.quarkus:quarkus-jdbc-postgresql (or quarkus-jdbc-h2 for an embedded database), or the Redis client: "
            + "io.quarkus:quarkus-redis-client. For tests and prototypes only, quarkus.job-queue.store=memory keeps "
            + "jobs in memory, not durably";

    static final String BOTH = "Quarkus Job Queue can keep jobs in the database (Hibernate ORM with Panache) or in "
            + "Redis (quarkus-redis-client), and the application has both: set quarkus.job-queue.store=jdbc or "
            + "quarkus.job-queue.store=redis";

    final String configName;

    StoreSelection(String configName) {
        this.configName = configName;
    }

    /**
     * @param configured the value of {@code quarkus.job-queue.store}
     * @param hibernatePanache whether the application has Hibernate ORM with Panache
     * @param redisClient whether the application has the Quarkus Redis client
     * @throws ConfigurationException naming what to add or change
     */
    static StoreSelection select(Optional<String> configured, boolean hibernatePanache, boolean redisClient) {
        if (configured.isPresent() && configured.get().equals(MEMORY.configName)) {
            return MEMORY;
        }
        if (configured.isPresent() && configured.get().equals(REDIS.configName)) {
            if (!redisClient) {
                throw new ConfigurationException("quarkus.job-queue.store=redis needs the Quarkus Redis client: add "
                        + "io.quarkus:quarkus-redis-client");
            }
            return REDIS;
        }
        if (configured.isPresent() && !configured.get().equals(JDBC.configName)) {
            throw new ConfigurationException("quarkus.job-queue.store=" + configured.get() + " is not a known store: "
                    + "use jdbc (Hibernate ORM with Panache and a JDBC driver), redis (quarkus-redis-client) or memory "
                    + "(in memory, not durable: for tests and prototypes)");
        }
        if (configured.isEmpty() && redisClient) {
            if (hibernatePanache) {
                throw new ConfigurationException(BOTH);
            }
            return REDIS;
        }
        if (!hibernatePanache) {
            throw new ConfigurationException(configured.isPresent()
                    ? "quarkus.job-queue.store=jdbc needs Hibernate ORM with Panache: add "
                            + "io.quarkus:quarkus-hibernate-orm-panache and a JDBC driver such as "
                            + "io.quarkus:quarkus-jdbc-postgresql"
                    : NO_STORE);
        }
        return JDBC;
    }
}
