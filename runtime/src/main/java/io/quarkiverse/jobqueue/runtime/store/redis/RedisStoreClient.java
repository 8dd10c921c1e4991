package io.quarkiverse.jobqueue.runtime.store.redis;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The Redis client of the store. A bean of this type injects the data source of the client
 * {@code quarkus.job-queue.redis.client-name}: an injection point is what makes the Redis extension create a client,
 * so the deployment module generates one for a named client; {@link DefaultRedisStoreClient} serves the default.
 */
public interface RedisStoreClient {

    RedisDataSource dataSource();
}
