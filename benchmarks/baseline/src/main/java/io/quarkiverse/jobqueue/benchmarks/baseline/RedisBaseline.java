package io.quarkiverse.jobqueue.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The raw Redis baseline of benchmarks/README.md: the Vert.x Redis client, no framework. Jobs are the elements
 * {@code <id>|<type>|<payload>} of one list, enqueued by pipelined {@code LPUSH}. Each worker has its own connection
 * and list of claimed jobs: it waits with {@code BLMOVE} from the pending list to its own list, moves up to 99 more
 * with pipelined {@code LMOVE}s in one round trip, runs them, then acknowledges them with pipelined {@code LREM}s
 * from its list. Every key starts with {@value #PREFIX}; only those keys are ever deleted. The modes and the BENCH
 * line are the {@link Harness}'s.
 */
public final class RedisBaseline implements Harness.Store {

    static final String PREFIX = "jobqueue-bench:baseline:";
    static final String PENDING = PREFIX + "pending";
    static final String CLAIMED = PREFIX + "claimed:";
    /** A waiting worker's BLMOVE returns empty after this long, so that it sees a stop. */
    static final String BLOCK_SECONDS = "1";
    static final long TIMEOUT_S = 30;

    private final Vertx vertx = Vertx.vertx();
    private final Redis client = Redis.createClient(vertx, new RedisOptions()
            .setConnectionString(Harness.env("BENCH_REDIS_URL", "redis://127.0.0.1:6379"))
            .setMaxPoolSize(64).setMaxPoolWaiting(64).setMaxWaitingHandlers(4 * Harness.ENQUEUE_BATCH));

    public static void main(String[] args) {
        Harness.main(args, new RedisBaseline());
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void reset() throws Exception {
        List<String> keys = keys(PREFIX + "*");
        if (!keys.isEmpty()) {
            Request unlink = Request.cmd(Command.UNLINK);
            keys.forEach(unlink::arg);
            await(client.send(unlink));
        }
    }

    /** Jobs get the ids 1, 2, ... in the order this producer enqueues them. */
    @Override
    public Harness.Producer producer() throws Exception {
        RedisConnection c = await(client.connect());
        AtomicLong ids = new AtomicLong();
        return new Harness.Producer() {
            /** Pipelined LPUSHes, one round trip per 1,000 jobs. */
            @Override
            public void enqueueAll(int jobs) throws Exception {
                List<Request> batch = new ArrayList<>(Harness.ENQUEUE_BATCH);
                for (int i = 1; i <= jobs; i++) {
                    batch.add(Request.cmd(Command.LPUSH).arg(PENDING).arg(job(ids.incrementAndGet(), "{}")));
                    if (batch.size() == Harness.ENQUEUE_BATCH || i == jobs) {
                        await(c.batch(batch));
                        batch = new ArrayList<>(Harness.ENQUEUE_BATCH);
                    }
                }
            }

            @Override
            public void enqueue(String payload) throws Exception {
                await(c.send(Request.cmd(Command.LPUSH).arg(PENDING).arg(job(ids.incrementAndGet(), payload))));
            }

            @Override
            public void close() throws Exception {
                await(c.close());
            }
        };
    }

    @Override
    public Harness.Workers workers(int count, Harness.Handler handler) throws Exception {
        return new Workers(count, handler, client);
    }

    /** Jobs left pending or claimed and not acknowledged. */
    @Override
    public long unfinished() throws Exception {
        long unfinished = 0;
        for (String key : keys(PREFIX + "*")) {
            unfinished += await(client.send(Request.cmd(Command.LLEN).arg(key))).toLong();
        }
        return unfinished;
    }

    /** Redis' own CPU time (INFO cpu: used_cpu_sys plus used_cpu_user), whoever's commands it ran. */
    @Override
    public double serverCpuSeconds() throws Exception {
        double seconds = 0;
        for (String line : await(client.send(Request.cmd(Command.INFO).arg("cpu"))).toString().split("\r\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
            }
        }
        return seconds;
    }

    @Override
    public void close() throws Exception {
        client.close();
        await(vertx.close());
    }

    static String job(long id, String payload) {
        return id + "|" + Harness.JOB_TYPE + "|" + payload;
    }

    /** The keys matching {@code pattern}, by SCAN, which does not block the Redis that others share. */
    List<String> keys(String pattern) throws Exception {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = await(client.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern)
                    .arg("COUNT").arg(1_000)));
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> keys.add(key.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static final class Workers extends Harness.Workers {
        final List<RedisConnection> connections = new ArrayList<>();
        final AtomicInteger waiting = new AtomicInteger();

        /** Opens the workers' connections. */
        Workers(int count, Harness.Handler handler, Redis client) throws Exception {
            super(count, handler);
            for (int i = 0; i < count; i++) {
                connections.add(await(client.connect()));
            }
        }

        @Override
        int idle() {
            return waiting.get();
        }

        @Override
        void work(int worker) throws Exception {
            RedisConnection c = connections.get(worker);
            String claimed = CLAIMED + worker;
            List<String> jobs = new ArrayList<>(Harness.CLAIM_BATCH);
            while (!stopping) {
                Response first;
                waiting.incrementAndGet();
                try {
                    first = await(c.send(Request.cmd(Command.BLMOVE).arg(PENDING).arg(claimed).arg("RIGHT")
                            .arg("LEFT").arg(BLOCK_SECONDS)));
                } finally {
                    waiting.decrementAndGet();
                }
                if (first == null) {
                    continue;
                }
                jobs.clear();
                jobs.add(first.toString());
                List<Request> more = new ArrayList<>(Harness.CLAIM_BATCH - 1);
                for (int i = 1; i < Harness.CLAIM_BATCH; i++) {
                    more.add(Request.cmd(Command.LMOVE).arg(PENDING).arg(claimed).arg("RIGHT").arg("LEFT"));
                }
                for (Response moved : await(c.batch(more))) {
                    if (moved != null) {
                        jobs.add(moved.toString());
                    }
                }
                List<Request> acks = new ArrayList<>(jobs.size());
                for (String job : jobs) {
                    int id = job.indexOf('|');
                    int payload = job.indexOf('|', id + 1);
                    handler.run(Long.parseLong(job.substring(0, id)), job.substring(payload + 1));
                    acks.add(Request.cmd(Command.LREM).arg(claimed).arg(1).arg(job));
                }
                await(c.batch(acks));
            }
        }

        @Override
        void close() throws Exception {
            for (RedisConnection c : connections) {
                await(c.close());
            }
        }
    }
}
