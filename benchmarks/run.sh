#!/usr/bin/env bash
# Benchmarks the extension against a raw baseline of each store on this machine, in one run: see benchmarks/README.md.
#
#   bash benchmarks/run.sh                      # STORES="postgresql redis" REPS=3 JOBS=20000 MEMORY_JOBS=100000 RATE=50 SECONDS=10
#   STORES=redis REPS=1 JOBS=2000 SECONDS=3 bash benchmarks/run.sh
#   BASELINE_ONLY=1 REPS=1 bash benchmarks/run.sh
#
# Builds what it needs, makes sure PostgreSQL and Redis are up, runs REPS interleaved repetitions (each measurement a
# fresh JVM; within a repetition, every store in turn), then benchmarks/report.py prints the tables, writes
# benchmarks/results/<UTC timestamp>.json and latest.json and ends with the RESULT lines. Logs of every run:
# benchmarks/target/runs/<UTC timestamp>/.
set -euo pipefail

# SECONDS is special in bash (seconds since the shell started), so read the knob from this process's environment.
seconds_knob=$(tr '\0' '\n' </proc/$$/environ 2>/dev/null | sed -n 's/^SECONDS=//p' | head -n 1)

cd "$(dirname "$0")/.."

STORES=${STORES:-postgresql redis}
REPS=${REPS:-3}
JOBS=${JOBS:-20000}
MEMORY_JOBS=${MEMORY_JOBS:-100000}
RATE=${RATE:-50}
DURATION=${seconds_knob:-10}
WORKERS=${WORKERS:-8}
PAUSE=${PAUSE:-2}
BASELINE_ONLY=${BASELINE_ONLY:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
EXT_JAVA_OPTS=${EXT_JAVA_OPTS:-}
BASELINE_JAVA_OPTS=${BASELINE_JAVA_OPTS:-}
export BENCH_DB_URL=${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}
export BENCH_DB_USER=${BENCH_DB_USER:-postgres}
export BENCH_DB_PASSWORD=${BENCH_DB_PASSWORD:-postgres}
export BENCH_REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
# Every key the Redis baseline writes, and every key of the Redis build of the app (its key prefix in braces, a
# Cluster hash tag), matches one of these; only those keys are deleted.
REDIS_KEYS=('jobqueue-bench:*' '{jobqueue-bench:*')

for knob in REPS JOBS MEMORY_JOBS RATE WORKERS; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || { echo "[bench] $knob must be a positive integer, not '${!knob}'" >&2; exit 2; }
done
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || { echo "[bench] SECONDS must be a positive integer, not '$DURATION'" >&2; exit 2; }
read -r -a stores <<<"$STORES"
((${#stores[@]} > 0)) || { echo "[bench] STORES must name at least one store: postgresql, redis" >&2; exit 2; }
for store in "${stores[@]}"; do
    [[ $store =~ ^(postgresql|redis)$ ]] || { echo "[bench] STORES: unknown store '$store' (known: postgresql redis)" >&2; exit 2; }
done
PICKUP_JOBS=$((RATE * DURATION))

log() { printf '[bench] %s\n' "$*" >&2; }

# The extension app of each store: the same sources, built once per store (the store is fixed at build time).
declare -A app_jars=(
    [postgresql]=${APP_JAR:-benchmarks/app/target/quarkus-app/quarkus-run.jar}
    [redis]=${REDIS_APP_JAR:-benchmarks/app-redis/target/quarkus-app/quarkus-run.jar}
)
declare -A baseline_classes=([postgresql]=PostgresqlBaseline [redis]=RedisBaseline)
# JVM options split on white space (no quoting, no globbing).
read -r -a baseline_opts <<<"$BASELINE_JAVA_OPTS"
read -r -a ext_opts <<<"$EXT_JAVA_OPTS"
baseline_command() { # store: sets the array baseline
    baseline=(java "${baseline_opts[@]}" -cp "benchmarks/baseline/target/classes:benchmarks/baseline/target/lib/*"
        "io.quarkiverse.jobqueue.benchmarks.baseline.${baseline_classes[$1]}")
}
extension_command() { # store: sets the array extension
    extension=(java "${ext_opts[@]}" -jar "${app_jars[$1]}")
}

# ---------------------------------------------------------------------------------------------------------- build

if [ "$SKIP_BUILD" = 1 ]; then
    log "SKIP_BUILD=1: using what is already built"
else
    log "building the extension: ./mvnw -B -q install -DskipTests"
    ./mvnw -B -q install -DskipTests >&2
    log "building the benchmarks: ./mvnw -B -q -f benchmarks/pom.xml package -DskipTests"
    ./mvnw -B -q -f benchmarks/pom.xml package -DskipTests >&2
fi
[ -d benchmarks/baseline/target/classes ] && [ -d benchmarks/baseline/target/lib ] || {
    log "the baseline is not built (benchmarks/baseline/target/classes and target/lib)"
    exit 2
}

run_extension=1
[ "$BASELINE_ONLY" = 1 ] && run_extension=0
for store in "${stores[@]}"; do
    app_jar=${app_jars[$store]}
    if [ "$run_extension" = 0 ]; then
        [ -f "$app_jar" ] || log "NOTE: $app_jar does not exist (the $store extension app is not built)"
    elif [ ! -f "$app_jar" ]; then
        log "ERROR: the $store extension app $app_jar does not exist."
        log "       benchmarks/app (PostgreSQL) and benchmarks/app-redis must be modules of benchmarks/pom.xml,"
        log "       packaged as Quarkus fast-jars. To measure the baselines alone: BASELINE_ONLY=1 bash benchmarks/run.sh"
        exit 2
    fi
done
[ "$run_extension" = 1 ] || log "BASELINE_ONLY=1: measuring the baselines alone, no extension figures"

# ---------------------------------------------------------------------------------------------------------- stores

bash .ci/services.sh >&2

pg_url=${BENCH_DB_URL#jdbc:} # postgresql://host:port/db[?params], which psql takes as its database
pg_url=${pg_url%%\?*}
psql_query() { # best effort: prints the result, or nothing
    command -v psql >/dev/null 2>&1 || return 0
    PGPASSWORD=$BENCH_DB_PASSWORD psql -X -qtA -d "$pg_url" -U "$BENCH_DB_USER" -c "$1" 2>/dev/null || true
}
# The extension app creates its schema from the DDL of the extension it was built with, only when the table is
# missing: drop a table left by an earlier build, whose columns may differ.
if [ "$BASELINE_ONLY" != 1 ]; then
    psql_query "DROP SCHEMA IF EXISTS bench_extension CASCADE" >/dev/null
fi
redis_cli() { # best effort: prints the result, or nothing
    command -v redis-cli >/dev/null 2>&1 || return 0
    redis-cli -u "$BENCH_REDIS_URL" "$@" 2>/dev/null || true
}
delete_redis_keys() { # the benchmark's own keys only (others share this Redis): SCAN, never FLUSHALL/FLUSHDB
    local pattern
    for pattern in "${REDIS_KEYS[@]}"; do
        redis_cli --scan --pattern "$pattern" | xargs -r -n 1000 redis-cli -u "$BENCH_REDIS_URL" UNLINK >/dev/null 2>&1 || true
    done
}

# ---------------------------------------------------------------------------------------------------------- runs

# The jobs the Redis measurements leave (the extension keeps succeeded jobs for an hour) would otherwise use the
# memory of a Redis others share: deleted at the end, and when the run is interrupted.
if [[ " ${stores[*]} " == *" redis "* ]]; then
    trap delete_redis_keys EXIT
    trap 'exit 130' INT TERM
fi

timestamp=$(date -u +%Y%m%dT%H%M%SZ)
logs=benchmarks/target/runs/$timestamp
mkdir -p "$logs" benchmarks/results
raw=$logs/raw.tsv
: >"$raw"

# One record per measurement: rep, store, slot, exit status, number of BENCH lines, the last BENCH line.
record() { # rep store slot exit stdout-file
    local lines count
    lines=$(grep -a '^BENCH ' "$5" || true)
    count=$(printf '%s' "$lines" | grep -c '^BENCH ' || true)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$count" "$(printf '%s' "$lines" | tail -n 1)" >>"$raw"
}

# A measurement that failed outside the program (no READY, crashed, killed): a BENCH error line of our own.
record_error() { # rep store slot impl kind variant message
    local variant=""
    [ -n "$6" ] && variant=",\"variant\":\"$6\""
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" 1 1 \
        "BENCH {\"impl\":\"$4\",\"store\":\"$2\",\"kind\":\"$5\"$variant,\"error\":\"$7\",\"source\":\"run.sh\"}" >>"$raw"
}

# Waits until a line matching $2 appears in file $1, at most $3 seconds, while process $4 lives.
wait_for_line() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        grep -aq "$2" "$1" 2>/dev/null && return 0
        kill -0 "$4" 2>/dev/null || { grep -aq "$2" "$1" 2>/dev/null && return 0; return 1; }
        sleep 0.05
    done
    return 1
}

stop_process() { # pid: TERM, then KILL after 30 s
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 300); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

prepare() {
    # A CHECKPOINT before each measurement, so that none pays for the dirty pages of the one before.
    psql_query CHECKPOINT >/dev/null
    sleep "$PAUSE"
    local busy
    busy=$(pgrep -a java | cut -c 1-160 || true)
    [ -z "$busy" ] || log "WARNING: other Java processes are running and will disturb the figures: ${busy//$'\n'/; }"
}

measure() { # rep store slot timeout-seconds command...
    local rep=$1 store=$2 slot=$3 limit=$4 code=0 out
    shift 4
    out=$logs/$rep-$store-$slot
    prepare
    log "rep $rep: $store $slot (load average $(cut -d ' ' -f 1 /proc/loadavg)): $*"
    timeout "$limit" "$@" >"$out.out" 2>"$out.err" || code=$?
    record "$rep" "$store" "$slot" "$code" "$out.out"
    grep -a '^BENCH ' "$out.out" >&2 || log "rep $rep: $store $slot: no BENCH line (exit $code), see $out.err"
}

pickup_remote() { # rep store impl command...
    local rep=$1 store=$2 impl=$3 slot=$3.pickup_remote code=0 pcode=0 worker why out producer
    shift 3
    out=$logs/$rep-$store-$slot
    producer=$logs/$rep-$store-$impl.producer_remote
    prepare
    log "rep $rep: $store $slot: $* pickup-worker / pickup-producer"
    timeout $((DURATION + 180)) "$@" pickup-worker --expect "$PICKUP_JOBS" --workers "$WORKERS" \
        >"$out.out" 2>"$out.err" &
    worker=$!
    if ! wait_for_line "$out.out" '^READY' 120 "$worker"; then
        why=$(not_ready "$worker")
        if grep -aq '^BENCH ' "$out.out"; then
            record "$rep" "$store" "$slot" 1 "$out.out"
        else
            record_error "$rep" "$store" "$slot" "$impl" pickup remote "pickup-worker $why"
        fi
        log "rep $rep: $store $slot: the worker printed no READY, see $out.err"
        return 0
    fi
    timeout $((DURATION + 120)) "$@" pickup-producer --rate "$RATE" --seconds "$DURATION" \
        >"$producer.out" 2>"$producer.err" || pcode=$?
    record "$rep" "$store" "$impl.producer_remote" "$pcode" "$producer.out"
    wait "$worker" || code=$?
    record "$rep" "$store" "$slot" "$code" "$out.out"
    grep -a '^BENCH ' "$producer.out" "$out.out" >&2 || true
}

not_ready() { # pid: stops it and says why it never printed READY
    local code=0
    if kill -0 "$1" 2>/dev/null; then
        stop_process "$1"
        echo "printed no READY within 120 s"
    else
        wait "$1" || code=$?
        echo "exited with status $code before printing READY"
    fi
}

status_kb() { # pid field
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null
}

memory() { # rep store
    local rep=$1 store=$2 slot=extension.memory out err produce server idle peak sampled rss drained hwm_reset=false \
        pcode=0 code=0
    out=$logs/$rep-$store-$slot.out
    err=$logs/$rep-$store-$slot.err
    produce=$logs/$rep-$store-extension.produce
    prepare
    log "rep $rep: $store $slot: ${extension[*]} serve --expect $MEMORY_JOBS / produce --jobs $MEMORY_JOBS"
    "${extension[@]}" serve --expect "$MEMORY_JOBS" >"$out" 2>"$err" &
    server=$!
    if ! wait_for_line "$out" '^READY' 120 "$server"; then
        record_error "$rep" "$store" "$slot" extension memory "" "serve $(not_ready "$server")"
        return 0
    fi
    sleep 5
    idle=$(status_kb "$server" VmRSS)
    if [ -z "$idle" ]; then
        stop_process "$server"
        record_error "$rep" "$store" "$slot" extension memory "" "serve exited before its idle RSS was read"
        return 0
    fi
    # Peak RSS while draining: reset the high-water mark (Linux: 5 > clear_refs) so start-up does not count.
    if echo 5 >"/proc/$server/clear_refs" 2>/dev/null; then
        hwm_reset=true
    fi
    sampled=$idle
    timeout 600 "${extension[@]}" produce --jobs "$MEMORY_JOBS" >"$produce.out" 2>"$produce.err" &
    local producer=$!
    local deadline=$((SECONDS + 900))
    while ((SECONDS < deadline)); do
        rss=$(status_kb "$server" VmRSS)
        [ -n "$rss" ] && ((rss > sampled)) && sampled=$rss
        grep -aq '^DRAINED' "$out" && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.2
    done
    wait "$producer" || pcode=$?
    record "$rep" "$store" extension.produce "$pcode" "$produce.out"
    drained=$(grep -a '^DRAINED' "$out" | head -n 1 | awk '{ print $2 }')
    peak=$(status_kb "$server" VmHWM)
    kill -0 "$server" 2>/dev/null || code=1
    stop_process "$server"
    if [ -z "$drained" ]; then
        record_error "$rep" "$store" "$slot" extension memory "" "no DRAINED line (producer exit $pcode, server alive: $((1 - code)))"
    elif [ "$drained" != "$MEMORY_JOBS" ]; then
        record_error "$rep" "$store" "$slot" extension memory "" "DRAINED $drained, expected $MEMORY_JOBS"
    elif [ "$pcode" != 0 ]; then
        record_error "$rep" "$store" "$slot" extension memory "" "the producer exited with $pcode"
    elif [ -z "$peak" ]; then
        record_error "$rep" "$store" "$slot" extension memory "" "could not read VmHWM"
    else
        local line="BENCH {\"impl\":\"extension\",\"store\":\"$store\",\"kind\":\"memory\",\"jobs\":$MEMORY_JOBS,\"idle_rss_kb\":$idle,\"peak_rss_kb\":$peak,\"sampled_peak_rss_kb\":$sampled,\"hwm_reset\":$hwm_reset,\"source\":\"run.sh\"}"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$store" "$slot" 0 1 "$line" >>"$raw"
        log "$line"
    fi
}

log "machine: $(nproc) cores; stores: ${stores[*]}; logs in $logs"

throughput=(throughput --jobs "$JOBS" --workers "$WORKERS")
pickup=(pickup --rate "$RATE" --seconds "$DURATION" --workers "$WORKERS")
for rep in $(seq 1 "$REPS"); do
    log "repetition $rep of $REPS"
    for store in "${stores[@]}"; do
        baseline_command "$store"
        extension_command "$store"
        measure "$rep" "$store" baseline.throughput 900 "${baseline[@]}" "${throughput[@]}"
        if [ "$run_extension" = 1 ]; then
            measure "$rep" "$store" extension.throughput 900 "${extension[@]}" "${throughput[@]}"
        fi
        measure "$rep" "$store" baseline.pickup_local $((DURATION + 180)) "${baseline[@]}" "${pickup[@]}"
        if [ "$run_extension" = 1 ]; then
            measure "$rep" "$store" extension.pickup_local $((DURATION + 180)) "${extension[@]}" "${pickup[@]}"
        fi
        pickup_remote "$rep" "$store" baseline "${baseline[@]}"
        if [ "$run_extension" = 1 ]; then
            pickup_remote "$rep" "$store" extension "${extension[@]}"
            memory "$rep" "$store"
        fi
    done
done
# exec does not run the EXIT trap.
if [[ " ${stores[*]} " == *" redis "* ]]; then
    delete_redis_keys
    trap - EXIT
fi

# ---------------------------------------------------------------------------------------------------------- report

report_args=(--raw "$raw" --out-dir benchmarks/results --timestamp "$timestamp"
    --config "reps=$REPS" --config "jobs=$JOBS" --config "memory_jobs=$MEMORY_JOBS" --config "rate=$RATE"
    --config "seconds=$DURATION" --config "workers=$WORKERS" --config "baseline_only=$BASELINE_ONLY"
    --config "ext_java_opts=$EXT_JAVA_OPTS" --config "baseline_java_opts=$BASELINE_JAVA_OPTS"
    --config "cores=$(nproc)" --config "cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
    --config "memory_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
    --config "java=$(java -version 2>&1 | head -n 1)"
    --config "stores=${stores[*]}"
    --config "postgresql=$(psql_query 'SHOW server_version')"
    --config "redis=$(redis_cli INFO server | tr -d '\r' | sed -n 's/^redis_version://p')"
    --config "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo -dirty)"
    --config "logs=$logs")
[ "$run_extension" = 1 ] || report_args+=(--baseline-only)
exec python3 benchmarks/report.py "${report_args[@]}"
