#!/usr/bin/env python3
"""Redis' own time per job in the Redis store's enqueue, claim and outcome scripts, called directly.

Loads the scripts from the runtime's resources (or SCRIPTS_DIR, to compare a changed copy), enqueues N jobs (1,000 per
call), then claims them BATCH at a time and records each batch as succeeded and retained, as the engine does. Two
figures per script and job, both Redis' own, neither this client's:
- CPU: the growth of Redis' main-thread CPU time (INFO cpu: used_cpu_sys_main_thread plus
  used_cpu_user_main_thread, Redis 7) around each call, less what two INFO calls in a row cost it (measured at the
  start): the script and reading its request and writing its reply. It leaves out the time Redis waits for a core,
  so it varies less than the other on a busy machine.
- time: the growth of `usec` of `cmdstat_evalsha` in INFO commandstats: the script's own run, as a clock measures it
  (a Redis that loses its core mid-script counts that time too).
Keys live under {jobqueue-bench:scripts} and are deleted before and after.

    python3 benchmarks/redis_scripts.py            # N=20000 BATCH=100 REDIS_HOST=127.0.0.1 REDIS_PORT=6379

Python 3 standard library only. Runs on a quiet machine, like the other measurements.
"""
import os
import socket
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS_DIR = os.environ.get("SCRIPTS_DIR", os.path.join(ROOT, "runtime/src/main/resources/db/job-queue/redis"))


def positive(name, default):
    """A positive integer from the environment variable name, or the default; exits with a message otherwise."""
    text = os.environ.get(name, default)
    if not text.isdigit() or int(text) < 1:
        sys.exit(f"{name} must be a positive integer, not '{text}'")
    return int(text)


def redis_from_environment():
    """A connection to REDIS_HOST:REDIS_PORT (default 127.0.0.1:6379), or an exit with a message that names them."""
    host, port = os.environ.get("REDIS_HOST", "127.0.0.1"), positive("REDIS_PORT", "6379")
    try:
        return Redis(host, port)
    except OSError as e:
        sys.exit(f"cannot connect to Redis at {host}:{port} ({e}): start it (see ../shared/services.md) or set "
                 "REDIS_HOST and REDIS_PORT")


N = positive("N", "20000")
BATCH = positive("BATCH", "100")
PREFIX = "{jobqueue-bench:scripts}"


def packed_ids(packed):
    """The ids of the jobs as claim returns them, packed one after the other: a job is the layout number, then 23
    strings or falses (FIELDS in common.lua, PackedJob), its id the eleventh of them."""
    data = packed if isinstance(packed, bytes) else (packed or "").encode()
    ids, at = [], 0
    while at < len(data):
        at += 1
        for field in range(23):
            start, size = string_extent(data, at)
            if field == 10:
                ids.append(data[start:start + size].decode())
            at = start + size
    return ids


def string_extent(data, at):
    """Where the MessagePack string (or false, or nil: empty) at offset at starts, and its length."""
    head = data[at]
    if head in (0xc0, 0xc2):
        return at + 1, 0
    if 0xa0 <= head <= 0xbf:
        return at + 1, head & 0x1f
    if head == 0xd9:
        return at + 2, data[at + 1]
    if head == 0xda:
        return at + 3, int.from_bytes(data[at + 1:at + 3], "big")
    raise RuntimeError(f"unexpected packed job {data[:16]!r}")


def time_ordered_ids():
    """Ids like the store's (JobId.newId: UUID version 7), which sort by creation: the indexes' real insert pattern."""
    millis, counter = int(time.time() * 1000), 0
    while True:
        counter += 1
        yield f"{millis >> 16:08x}-{millis & 0xffff:04x}-7{counter >> 48 & 0xfff:03x}-8{counter >> 36 & 0xfff:03x}-{counter & 0xffffffffffff:012x}"


class Redis:
    """The least RESP client these calls need."""

    def __init__(self, host, port):
        self.socket = socket.create_connection((host, port))
        self.reader = self.socket.makefile("rb")

    def call(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            out += [b"$%d\r\n" % len(data), data, b"\r\n"]
        self.socket.sendall(b"".join(out))
        return self.read()

    def read(self):
        line = self.reader.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.reader.read(size + 2)[:-2]
            try:
                return data.decode()
            except UnicodeDecodeError:
                return data
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.read() for _ in range(size)]
        raise RuntimeError("unexpected reply " + repr(line))


def delete_keys(redis, prefix):
    """Deletes this measurement's keys (SCAN and UNLINK: others may share the Redis)."""
    cursor = "0"
    while True:
        cursor, keys = redis.call("SCAN", cursor, "MATCH", prefix + "*", "COUNT", 1000)
        if keys:
            redis.call("UNLINK", *keys)
        if cursor == "0":
            return


def evalsha_usec(redis):
    """Redis' time in EVALSHA so far, in microseconds."""
    for line in redis.call("INFO", "commandstats").split("\r\n"):
        if line.startswith("cmdstat_evalsha:"):
            return int(line.split("usec=")[1].split(",")[0])
    return 0


def main_thread_cpu_usec(redis):
    """Redis' main-thread CPU time so far, in microseconds; exits with a message on a Redis before 7."""
    fields = dict(line.split(":", 1) for line in redis.call("INFO", "cpu").split("\r\n") if ":" in line)
    if "used_cpu_user_main_thread" not in fields:
        sys.exit("INFO cpu has no used_cpu_user_main_thread: this measurement needs Redis 7 or later")
    return (float(fields["used_cpu_sys_main_thread"]) + float(fields["used_cpu_user_main_thread"])) * 1e6


def info_cpu_usec(redis, calls=200):
    """What Redis' main thread spends between two INFO cpu readings with nothing in between, in microseconds."""
    before = main_thread_cpu_usec(redis)
    for _ in range(calls):
        main_thread_cpu_usec(redis)
    return (main_thread_cpu_usec(redis) - before) / (calls + 1)


def main():
    if not os.path.isfile(os.path.join(SCRIPTS_DIR, "common.lua")):
        sys.exit(f"SCRIPTS_DIR {SCRIPTS_DIR} holds no common.lua: point it at a copy of "
                 "runtime/src/main/resources/db/job-queue/redis")
    redis = redis_from_environment()
    common = open(os.path.join(SCRIPTS_DIR, "common.lua")).read()
    shas = {name: redis.call("SCRIPT", "LOAD", common + "\n" + open(os.path.join(SCRIPTS_DIR, name + ".lua")).read())
            for name in ("insert", "claim", "record")}
    usec = {name: 0 for name in shas}
    cpu = {name: 0 for name in shas}
    reading = info_cpu_usec(redis)

    def run(name, *args):
        before, cpu_before = evalsha_usec(redis), main_thread_cpu_usec(redis)
        reply = redis.call("EVALSHA", shas[name], 1, PREFIX, PREFIX, *args)
        cpu[name] += main_thread_cpu_usec(redis) - cpu_before - reading
        usec[name] += evalsha_usec(redis) - before
        return reply

    delete_keys(redis, PREFIX)
    try:
        now = int(time.time() * 1000)
        ids = time_ordered_ids()
        for first in range(0, N, 1000):
            count = min(1000, N - first)
            # One group of jobs that share all but their ids and payloads, as enqueueAll writes them.
            args = [count, "bench-noop", "bench", 0, 25, now, now, "PENDING", 1, "", "", 1, "", "", ""]
            for _ in range(count):
                args += [next(ids), "null"]
            run("insert", *args)
        processed = 0
        while processed < N:
            claimed = packed_ids(run("claim", "bench", now + 1, BATCH, "bench-owner", now + 60_000, "bench-noop", 0, 0,
                                     0))
            if not claimed:
                break
            args = ["bench-owner"]
            for job_id in claimed:
                args += ["S", job_id, now + 2]
            run("record", *args)
            processed += len(claimed)
        if processed != N:
            print(f"claimed {processed} of {N} jobs", file=sys.stderr)
            return 1
        for name in ("insert", "claim", "record"):
            print(f"{name:7s} CPU {cpu[name] / N:5.1f} us, time {usec[name] / N:5.1f} us of Redis per job "
                  f"({cpu[name] / 1000:.0f} / {usec[name] / 1000:.0f} ms for {N} jobs)")
        return 0
    finally:
        delete_keys(redis, PREFIX)


if __name__ == "__main__":
    sys.exit(main())
