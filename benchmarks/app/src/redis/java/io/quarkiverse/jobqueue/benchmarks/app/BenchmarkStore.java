package io.quarkiverse.jobqueue.benchmarks.app;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The Redis build's store: every key the extension writes starts with {@code {}{@link #KEY_PREFIX}{@code }} (its key
 * prefix in braces, a Cluster hash tag), and only those keys are deleted before each measurement but the producers'
 * (others share this Redis).
 */
final class BenchmarkStore {

    /** The {@code "store"} of the BENCH lines. */
    static final String NAME = "redis";
    static final String KEY_PREFIX = "jobqueue-bench:extension";
    /** Redis glob: braces are not special in it. */
    static final String KEYS = "{" + KEY_PREFIX + "}*";

    private BenchmarkStore() {
    }

    static void prepare(Options options) {
        System.setProperty("quarkus.job-queue.redis.key-prefix", KEY_PREFIX);
        if (!options.startsClean()) {
            return;
        }
        withRedis("delete the keys " + KEYS, redis -> {
            String cursor = "0";
            do {
                // SCAN, not KEYS: it does not block the Redis others use.
                Response page = await(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH")
                        .arg(KEYS).arg("COUNT").arg(1_000)));
                cursor = page.get(0).toString();
                if (page.get(1).size() > 0) {
                    Request unlink = Request.cmd(Command.UNLINK);
                    page.get(1).forEach(key -> unlink.arg(key.toString()));
                    await(redis.send(unlink));
                }
            } while (!cursor.equals("0"));
            return null;
        });
    }

    /**
     * Redis' own CPU time so far (INFO cpu: used_cpu_sys plus used_cpu_user), whoever's commands it ran; read with a
     * client of its own, so call it outside what the JVM's CPU time measures.
     */
    static double serverCpuSeconds() {
        return withRedis("read INFO cpu", redis -> {
            double seconds = 0;
            for (String line : await(redis.send(Request.cmd(Command.INFO).arg("cpu"))).toString().split("\r\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
                }
            }
            return seconds;
        });
    }

    private interface RedisCall<T> {
        T call(Redis redis) throws Exception;
    }

    private static <T> T withRedis(String what, RedisCall<T> call) {
        String url = System.getenv().getOrDefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379");
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, url);
            try {
                return call.call(redis);
            } finally {
                redis.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot " + what + " at " + url, e);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
