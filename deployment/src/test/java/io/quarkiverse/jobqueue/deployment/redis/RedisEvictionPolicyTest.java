package io.quarkiverse.jobqueue.deployment.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.jobqueue.deployment.TestApps;
import io.quarkiverse.jobqueue.runtime.store.redis.RedisJobStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** A Redis that may evict any key would lose jobs without a trace: the store says so at start-up, with the fix. */
class RedisEvictionPolicyTest {

    static final OwnRedisServer REDIS = OwnRedisServer.startOnce(RedisEvictionPolicyTest.class, "--maxmemory-policy",
            "allkeys-lru");

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.redis(REDIS.url(), OwnRedisServer.class)
            .overrideConfigKey("quarkus.job-queue.worker.enabled", "false")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(RedisJobStore.class.getName()))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getLevel().intValue() == Level.WARNING.intValue())
                    .singleElement()
                    .satisfies(record -> assertThat(record.getMessage()).contains("maxmemory-policy %s")
                            .contains("noeviction"))
                    .satisfies(record -> assertThat(record.getParameters()).containsExactly("allkeys-lru")))
            .setAfterAllCustomizer(REDIS::killAndDelete);

    @Inject
    RedisDataSource redis;

    @Test
    void theStoreWarnsAtStartUp() {
        // The store's check went out at start-up; this later round trip returns after its answer, and the records are
        // asserted once the application stops.
        assertThat(redis.execute("CONFIG", "GET", "maxmemory-policy").toString()).contains("allkeys-lru");
    }
}
