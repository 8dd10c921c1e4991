package io.quarkiverse.jobqueue.runtime.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobState;
import io.quarkiverse.jobqueue.runtime.OptionalClasses;
import io.quarkiverse.jobqueue.runtime.config.JobQueueConfig;
import io.quarkiverse.jobqueue.runtime.store.AttemptHistory;
import io.quarkiverse.jobqueue.runtime.store.Cancellation;
import io.quarkiverse.jobqueue.runtime.store.ClaimedJob;
import io.quarkiverse.jobqueue.runtime.store.JobStore;
import io.quarkiverse.jobqueue.runtime.store.JobStoreException;
import io.quarkiverse.jobqueue.runtime.store.NewJob;
import io.quarkiverse.jobqueue.runtime.store.Outcome;
import io.quarkiverse.jobqueue.runtime.store.StoredProgress;
import io.quarkiverse.jobqueue.runtime.store.TypeLimit;
import io.quarkiverse.jobqueue.runtime.store.StoredState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * Jobs in Redis ({@code quarkus.job-queue.store=redis}), through the Quarkus Redis client's blocking API (the client
 * {@code quarkus.job-queue.redis.client-name}, or the default one). Every job is one string, its fields packed by the
 * scripts ({@link PackedJob}); sorted sets index it by its stored state (see {@code db/job-queue/redis/common.lua}).
 * Every step that touches more than one key is one Lua script, so it is atomic: a job is never in two indexes at once,
 * nor in none. The scripts are loaded once and called by their SHA-1, loaded again when Redis answers {@code NOSCRIPT}
 * (after a restart or {@code SCRIPT FLUSH}). All keys share the hash tag {@code {<prefix>}}, which each call names as
 * its key, so that Redis Cluster routes it to the one slot that holds them. Inserts publish the queue names on
 * {@code {<prefix>}:available}, which {@link #listen} subscribes to.
 * <p>
 * Redis has no part in the caller's JTA transaction: {@link #insert} within an active transaction writes the jobs
 * only after it commits, and drops them when it rolls back. A Redis failure after the commit loses those jobs (it is
 * logged). A job with a unique key enqueued in a transaction gets its own id back, as the holder of its key is only
 * known once it is written: when another active job holds the key by then, that id names no job. Jobs survive a
 * Redis restart only with AOF persistence ({@code appendonly yes}).
 */
@Singleton
public class RedisJobStore implements JobStore {

    private static final Logger LOG = Logger.getLogger(RedisJobStore.class);

    static final String SCRIPTS = "db/job-queue/redis/";
    /** The scripts, each shipped as {@code <name>.lua} and run with {@code common.lua} before it. */
    public static final List<String> SCRIPT_NAMES = List.of("common", "insert", "claim", "take-expired", "renew",
            "progress", "record", "cancel", "replay", "delete", "prune", "stats",
            "oldest-runnable");

    private static final boolean JTA = OptionalClasses.isPresent("jakarta.transaction.TransactionSynchronizationRegistry",
            RedisJobStore.class);

    private static final Comparator<JobInfo> LIST_ORDER = Comparator.<JobInfo, Instant> comparing(JobInfo::createdAt)
            .thenComparing(job -> job.id().toString()).reversed();

    private static final JobState[] STATES = { JobState.SCHEDULED, JobState.PENDING, JobState.RUNNING,
            JobState.RETRYING, JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED };

    private final RedisDataSource redis;
    /** The configured prefix as a hash tag: the start of every key of this store. */
    private final String prefix;
    /** The scripts but common, by name: read and hashed when the store is made, not by the first call of each. */
    private final Map<String, Script> scripts;

    RedisJobStore(RedisStoreClient client, JobQueueConfig config) {
        this.redis = client.dataSource();
        this.prefix = "{" + config.redis().keyPrefix() + "}";
        this.scripts = SCRIPT_NAMES.stream().filter(name -> !name.equals("common"))
                .collect(Collectors.toUnmodifiableMap(name -> name, Script::load));
    }

    /**
     * Warns when Redis evicts any key under memory pressure: it would drop jobs without a trace. Asynchronous, so that
     * a slow Redis does not hold up start-up; a Redis that refuses {@code CONFIG} (some managed services) is not
     * checked.
     */
    void warnIfJobsCanBeEvicted(@Observes StartupEvent event) {
        redis.getReactive().execute("CONFIG", "GET", "maxmemory-policy").subscribe().with(answer -> {
            String policy = evictionPolicy(answer);
            if (policy != null && policy.startsWith("allkeys-")) {
                LOG.warnf("The Redis of the job queue evicts keys when it reaches maxmemory (maxmemory-policy %s): "
                        + "an evicted job is lost without a trace. Set maxmemory-policy to noeviction (or a "
                        + "volatile-* policy: the job queue's keys never expire) on that Redis", policy);
            }
        }, failure -> LOG.debugf("Could not read the maxmemory-policy of Redis (%s); not checked",
                failure.getMessage()));
    }

    /** The policy in the answer to {@code CONFIG GET maxmemory-policy}: a map in RESP3, name and value in RESP2. */
    private static String evictionPolicy(Response answer) {
        if (answer == null) {
            return null;
        }
        try {
            Response policy = answer.get("maxmemory-policy");
            return policy == null ? null : policy.toString();
        } catch (RuntimeException notAMap) {
            return answer.size() < 2 ? null : answer.get(1).toString();
        }
    }

    /** The start of every key of this store: the configured prefix in braces. */
    public String keyPrefix() {
        return prefix;
    }

    @Override
    public AutoCloseable listen(Consumer<String> onJobsAvailable) {
        return RedisNotificationListener.start(redis, prefix + ":available", onJobsAvailable);
    }

    // ---- writes

    @Override
    public List<JobId> insert(List<NewJob> jobs, Runnable afterCommit) {
        if (jobs.isEmpty()) {
            afterCommit.run();
            return List.of();
        }
        // Deferred to after the commit, the holder of a unique key is unknown here: the jobs' own ids stand in.
        if (JTA && JtaDeferral.deferIfActive(() -> {
            write(jobs);
            afterCommit.run();
        })) {
            return jobs.stream().map(NewJob::id).toList();
        }
        List<JobId> holders = write(jobs);
        afterCommit.run();
        return holders;
    }

    /**
     * Writes the jobs in groups that share all but their ids and payloads (insert.lua), so that a batch of
     * {@code enqueueAll} sends its other fields once rather than once per job.
     */
    private List<JobId> write(List<NewJob> jobs) {
        List<String> args = new ArrayList<>(32 + jobs.size() * 2);
        int first = 0;
        while (first < jobs.size()) {
            NewJob group = jobs.get(first);
            int end = first + 1;
            while (end < jobs.size() && sameGroup(group, jobs.get(end))) {
                end++;
            }
            args.add(String.valueOf(end - first));
            args.add(group.type());
            args.add(group.queue());
            args.add(String.valueOf(group.priority()));
            args.add(String.valueOf(group.maxAttempts()));
            args.add(millis(group.runAt()));
            args.add(millis(group.createdAt()));
            args.add(group.initialState().name());
            args.add(group.payload() == null ? "0" : "1");
            args.add(group.uniqueKey() == null ? "" : group.uniqueKey());
            args.add(group.timeout() == null ? "" : String.valueOf(group.timeout().toMillis()));
            args.add(String.valueOf(group.payloadVersion()));
            args.add(group.headers() == null ? "" : group.headers());
            args.add(group.owner() == null ? "" : group.owner());
            args.add(group.owner() == null ? "" : millis(group.leaseUntil()));
            for (int i = first; i < end; i++) {
                NewJob job = jobs.get(i);
                args.add(job.id().toString());
                if (job.payload() != null) {
                    args.add(job.payload());
                }
            }
            first = end;
        }
        Response answer = run("insert", args);
        if (answer.get(0).toString().equals("exists")) {
            throw new JobStoreException("A job with the id " + answer.get(1) + " already exists; no job of the batch "
                    + "was written", null);
        }
        List<JobId> holders = new ArrayList<>(jobs.size());
        for (int i = 1; i < answer.size(); i++) {
            holders.add(JobId.of(answer.get(i).toString()));
        }
        return holders;
    }

    /** Whether the two jobs differ at most in their ids and payloads, a payload being there or not aside. */
    private static boolean sameGroup(NewJob a, NewJob b) {
        return a.type().equals(b.type()) && a.queue().equals(b.queue()) && a.priority() == b.priority()
                && a.maxAttempts() == b.maxAttempts() && a.runAt().equals(b.runAt())
                && a.createdAt().equals(b.createdAt()) && (a.payload() == null) == (b.payload() == null)
                && a.payloadVersion() == b.payloadVersion() && Objects.equals(a.uniqueKey(), b.uniqueKey())
                && Objects.equals(a.timeout(), b.timeout()) && Objects.equals(a.headers(), b.headers())
                && Objects.equals(a.owner(), b.owner()) && Objects.equals(a.leaseUntil(), b.leaseUntil());
    }

    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, Map<String, TypeLimit> limits, int limit,
            String owner, Instant now, Instant leaseUntil) {
        if (types.isEmpty() || limit < 1) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of(queue, millis(now), String.valueOf(limit), owner,
                millis(leaseUntil)));
        for (String type : new LinkedHashSet<>(types)) {
            TypeLimit typeLimit = limits.getOrDefault(type, TypeLimit.NONE);
            args.addAll(List.of(type, String.valueOf(typeLimit.maxConcurrency()), String.valueOf(typeLimit.rateLimit()),
                    typeLimit.limitsRate() ? String.valueOf(typeLimit.ratePeriod().toMillis()) : "0"));
        }
        return claimed(run("claim", args));
    }

    @Override
    public List<ClaimedJob> takeExpired(int limit, String owner, Instant now, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        return claimed(run("take-expired", List.of(millis(now), String.valueOf(limit), owner, millis(leaseUntil))));
    }

    @Override
    public Set<JobId> renewLeases(Collection<JobId> ids, String owner, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> args = new ArrayList<>(List.of(owner, millis(leaseUntil)));
        ids.forEach(id -> args.add(id.toString()));
        Set<JobId> cancelRequested = new HashSet<>();
        Response requested = run("renew", args);
        for (int i = 0; i < requested.size(); i++) {
            cancelRequested.add(JobId.of(requested.get(i).toString()));
        }
        return cancelRequested;
    }

    @Override
    public boolean progress(JobId id, String owner, String progress, Instant leaseUntil) {
        return run("progress", List.of(id.toString(), owner, progress, millis(leaseUntil))).toInteger() == 1;
    }

    @Override
    public void record(List<Outcome> outcomes, String owner) {
        if (outcomes.isEmpty()) {
            return;
        }
        // The shortest form of each outcome (record.lua): most are successes, 3 values.
        List<String> args = new ArrayList<>(1 + outcomes.size() * 3);
        args.add(owner);
        for (Outcome outcome : outcomes) {
            String id = outcome.id().toString();
            if (outcome instanceof Outcome.Succeeded succeeded) {
                if (!succeeded.retain()) {
                    args.add("SD");
                    args.add(id);
                } else if (succeeded.result() == null) {
                    args.add("S");
                    args.add(id);
                    args.add(millis(succeeded.finishedAt()));
                } else {
                    args.add("SR");
                    args.add(id);
                    args.add(millis(succeeded.finishedAt()));
                    args.add(succeeded.result());
                }
            } else if (outcome instanceof Outcome.Cancelled cancelled) {
                args.add("C");
                args.add(id);
                args.add(millis(cancelled.finishedAt()));
            } else if (outcome instanceof Outcome.Failed failed) {
                args.add("F");
                args.add(id);
                args.add(failed.next().name());
                args.add(millis(failed.runAt()));
                args.add(failed.finishedAt() == null ? "" : millis(failed.finishedAt()));
                args.add(failed.lastError() == null ? "" : failed.lastError());
                args.add(failed.attempts() == null ? "" : failed.attempts());
            } else if (outcome instanceof Outcome.Released released) {
                args.add("R");
                args.add(id);
                args.add(released.runAt() == null ? "" : millis(released.runAt()));
            }
        }
        run("record", args);
    }

    @Override
    public Cancellation cancel(JobId id, Instant now) {
        return Cancellation.valueOf(run("cancel", List.of(id.toString(), millis(now))).toString());
    }

    @Override
    public boolean replay(JobId id, Instant now) {
        return run("replay", List.of(id.toString(), millis(now))).toInteger() == 1;
    }

    @Override
    public boolean delete(JobId id) {
        return run("delete", List.of(id.toString())).toInteger() == 1;
    }

    @Override
    public int pruneSucceeded(Instant finishedBefore, int limit) {
        if (limit < 1) {
            return 0;
        }
        return run("prune", List.of(millis(finishedBefore), String.valueOf(limit))).toInteger();
    }

    // ---- reads

    @Override
    public Optional<JobInfo> find(JobId id, Instant now) {
        List<JobInfo> found = read(List.of(id.toString()), now);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public Optional<JobInfo> findByUniqueKey(String uniqueKey, Instant now) {
        Response id = redis.execute("GET", prefix + ":keyed:" + uniqueKey);
        return id == null ? Optional.empty() : find(JobId.of(id.toString()), now);
    }

    @Override
    public List<JobInfo> list(JobState state, String queue, int limit, Instant now) {
        if (limit < 1) {
            return List.of();
        }
        List<JobState> stored = state == null ? List.of(STATES)
                : state == JobState.PENDING ? List.of(JobState.PENDING, JobState.SCHEDULED) : List.of(state);
        int chunk = Math.min(Math.max(limit, 100), 1000);
        List<JobInfo> matching = new ArrayList<>();
        for (String q : queues(queue)) {
            for (JobState s : stored) {
                // Each index is newest first: its first `limit` matches are all it can add to the result. The
                // RUNNING one is ordered by lease expiry: it is read whole (at most as many jobs as workers run).
                String key = prefix + ":state:" + q + ":" + s.name();
                int wanted = s == JobState.RUNNING ? Integer.MAX_VALUE : limit;
                int found = 0;
                for (int start = 0; found < wanted; start += chunk) {
                    Response ids = redis.execute("ZREVRANGE", key, String.valueOf(start),
                            String.valueOf(start + chunk - 1));
                    if (ids == null || ids.size() == 0) {
                        break;
                    }
                    List<String> idList = new ArrayList<>(ids.size());
                    ids.forEach(id -> idList.add(id.toString()));
                    for (JobInfo job : read(idList, now)) {
                        if (found < wanted && (state == null || job.state() == state)) {
                            matching.add(job);
                            found++;
                        }
                    }
                    if (ids.size() < chunk) {
                        break;
                    }
                }
            }
        }
        matching.sort(LIST_ORDER);
        return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
    }

    @Override
    public Map<JobState, Long> stats(String queue, Instant now) {
        List<String> args = new ArrayList<>();
        args.add(millis(now));
        args.addAll(queues(queue));
        Map<JobState, Long> stats = new EnumMap<>(JobState.class);
        Response counts = run("stats", args);
        long due = 0;
        for (int i = 0; i + 1 < counts.size(); i += 2) {
            String name = counts.get(i).toString();
            long count = counts.get(i + 1).toLong();
            if (name.equals("SCHEDULED_DUE")) {
                due += count;
            } else {
                stats.merge(JobState.valueOf(name), count, Long::sum);
            }
        }
        if (due > 0) {
            stats.merge(JobState.SCHEDULED, -due, Long::sum);
            stats.merge(JobState.PENDING, due, Long::sum);
        }
        stats.values().removeIf(count -> count == 0);
        return stats;
    }

    private List<String> queues(String queue) {
        if (queue != null) {
            return List.of(queue);
        }
        Response members = redis.execute("SMEMBERS", prefix + ":queues");
        List<String> queues = new ArrayList<>();
        if (members != null) {
            members.forEach(member -> queues.add(member.toString()));
        }
        return queues;
    }

    /** The jobs that exist among these ids, as read at {@code now}. */
    private List<JobInfo> read(List<String> ids, Instant now) {
        String[] keys = new String[ids.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = prefix + ":job:" + ids.get(i);
        }
        Response rows = redis.execute("MGET", keys);
        List<JobInfo> jobs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            PackedJob f = PackedJob.over(rows.get(i));
            if (!f.next()) {
                continue;
            }
            Instant runAt = f.instant(PackedJob.RUN_AT);
            jobs.add(new JobInfo(f.id(), f.text(PackedJob.TYPE), f.text(PackedJob.QUEUE),
                    StoredState.effective(JobState.valueOf(f.text(PackedJob.STATE)), runAt, now),
                    f.integer(PackedJob.PRIORITY), f.integer(PackedJob.ATTEMPT), f.integer(PackedJob.MAX_ATTEMPTS),
                    runAt, f.instant(PackedJob.CREATED_AT), f.instant(PackedJob.STARTED_AT),
                    f.instant(PackedJob.FINISHED_AT), f.text(PackedJob.LAST_ERROR),
                    AttemptHistory.parse(f.text(PackedJob.ATTEMPTS)), f.text(PackedJob.PAYLOAD),
                    f.integer(PackedJob.PAYLOAD_VERSION), f.text(PackedJob.UNIQUE_KEY), f.duration(PackedJob.TIMEOUT),
                    f.instant(PackedJob.CANCEL_REQUESTED_AT), StoredProgress.parse(f.text(PackedJob.PROGRESS)),
                    f.text(PackedJob.RESULT)));
        }
        return jobs;
    }

    /** Jobs as claim and take-expired return them: packed as stored once claimed, one after the other. */
    private static List<ClaimedJob> claimed(Response packed) {
        List<ClaimedJob> claimed = new ArrayList<>();
        PackedJob f = PackedJob.over(packed);
        while (f.next()) {
            claimed.add(new ClaimedJob(f.id(), f.text(PackedJob.TYPE), f.text(PackedJob.QUEUE),
                    f.integer(PackedJob.PRIORITY), f.integer(PackedJob.ATTEMPT), f.integer(PackedJob.MAX_ATTEMPTS),
                    f.instant(PackedJob.RUN_AT), f.instant(PackedJob.CREATED_AT), f.instant(PackedJob.STARTED_AT),
                    f.text(PackedJob.PAYLOAD), f.text(PackedJob.ATTEMPTS), f.integer(PackedJob.PAYLOAD_VERSION),
                    f.duration(PackedJob.TIMEOUT), f.present(PackedJob.CANCEL_REQUESTED_AT),
                    f.text(PackedJob.HEADERS)));
        }
        return claimed;
    }

    // ---- scripts

    private Response run(String name, List<String> args) {
        Script script = scripts.get(name);
        // One key, named only so that Redis Cluster routes the call to the slot of the hash tag; the scripts build
        // their keys from the prefix, the first argument.
        String[] evalArgs = new String[args.size() + 4];
        evalArgs[0] = script.sha;
        evalArgs[1] = "1";
        evalArgs[2] = prefix;
        evalArgs[3] = prefix;
        for (int i = 0; i < args.size(); i++) {
            evalArgs[i + 4] = args.get(i);
        }
        try {
            try {
                return redis.execute("EVALSHA", evalArgs);
            } catch (RuntimeException e) {
                if (!isNoScript(e)) {
                    throw e;
                }
                // Redis restarted or its scripts were flushed: load it again, under the same SHA-1.
                redis.execute("SCRIPT", "LOAD", script.source);
                return redis.execute("EVALSHA", evalArgs);
            }
        } catch (JobStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JobStoreException("The Redis job store could not run its " + name + " script: " + e.getMessage(),
                    e);
        }
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private record Script(String sha, String source) {
        static Script load(String name) {
            String source = resource("common") + "\n" + resource(name);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(HexFormat.of().formatHex(digest), source);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static String resource(String name) {
            String path = SCRIPTS + name + ".lua";
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = RedisJobStore.class.getClassLoader();
            }
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("The Redis job store's script " + path + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + path, e);
            }
        }
    }

    private static String millis(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }

    @Override
    public Optional<Instant> oldestRunnable(String queue, Collection<String> types, Instant now) {
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(2 + types.size());
        args.add(queue);
        args.add(millis(now));
        args.addAll(types);
        Response oldest = run("oldest-runnable", args);
        return oldest == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest.toLong()));
    }

    /** Jobs' times are kept in epoch milliseconds. */
    @Override
    public TemporalUnit instantPrecision() {
        return ChronoUnit.MILLIS;
    }
}
