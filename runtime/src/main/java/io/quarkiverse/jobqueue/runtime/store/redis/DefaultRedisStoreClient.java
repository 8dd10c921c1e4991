package io.quarkiverse.jobqueue.runtime.store.redis;

import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.RedisDataSource;

/** The default Redis client, when {@code quarkus.job-queue.redis.client-name} is unset. */
@Singleton
public class DefaultRedisStoreClient implements RedisStoreClient {

    private final RedisDataSource dataSource;

    DefaultRedisStoreClient(RedisDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public RedisDataSource dataSource() {
        return dataSource;
    }
}
