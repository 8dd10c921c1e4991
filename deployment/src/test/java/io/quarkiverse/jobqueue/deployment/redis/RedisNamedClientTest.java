package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.job-queue.redis.client-name} makes the store use that client: here the only one configured, on
 * database 2, so that a store on the default client could not even connect.
 */
class RedisNamedClientTest {

    static final String PREFIX = "job-queue-named-" + UUID.randomUUID();

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redisStore()
            .overrideConfigKey("quarkus.redis.jobs.hosts", "redis://127.0.0.1:6379/2")
            .overrideConfigKey("quarkus.job-queue.redis.client-name", "jobs")
            .overrideConfigKey("quarkus.job-queue.redis.key-prefix", PREFIX)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false");

    @Inject
    JobStore store;

    @Inject
    @RedisClientName("jobs")
    RedisDataSource jobsClient;

    @Test
    void theStoreWritesThroughTheNamedClient() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        NewJob job = new NewJob(JobId.newId(), "named", "default", 0, 3, now, now, null);
        String key = ((RedisJobStore) store).keyPrefix() + ":job:" + job.id();
        try {
            store.insert(List.of(job), () -> {
            });

            assertThat(store.find(job.id(), now)).isPresent();
            assertThat(jobsClient.key().exists(key)).as("%s in database 2", key).isTrue();
        } finally {
            List<String> keys = jobsClient.key().keys(((RedisJobStore) store).keyPrefix() + ":*");
            if (!keys.isEmpty()) {
                jobsClient.key().del(keys.toArray(String[]::new));
            }
        }
    }
}
