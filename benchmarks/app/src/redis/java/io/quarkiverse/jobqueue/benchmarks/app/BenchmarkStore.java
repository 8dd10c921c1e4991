package io.quarkiverse.jobqueue.benchmarks.app;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
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
        String url = redisUrl();
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, url);
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
            redis.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot delete the keys " + KEYS + " at " + url, e);
        } finally {
            vertx.close();
        }
    }

    /** Redis' own CPU time (INFO cpu: used_cpu_sys plus used_cpu_user), whoever's commands it ran. */
    static ServerCpu serverCpu() {
        String url = redisUrl();
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, url);
            RedisConnection connection = await(client.connect());
            return new ServerCpu() {
                @Override
                public double seconds() {
                    try {
                        double seconds = 0;
                        String info = await(connection.send(Request.cmd(Command.INFO).arg("cpu"))).toString();
                        for (String line : info.split("\r\n")) {
                            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
                            }
                        }
                        return seconds;
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot read INFO cpu at " + url, e);
                    }
                }

                @Override
                public void close() {
                    connection.close();
                    client.close();
                    vertx.close().toCompletionStage().toCompletableFuture().join();
                }
            };
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot connect to " + url + " to read Redis' CPU time", e);
        }
    }

    private static String redisUrl() {
        return System.getenv().getOrDefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
