#!/usr/bin/env python3
"""A measurement for the Redis store's next layout, not the store itself: Redis' own time per job when a claim and an
outcome touch each job with batched commands only.

The store today keeps each job in a hash of its own, so every claim and every outcome makes two hash calls per job
from Lua (about 5 us each on a 2-core VM; benchmarks/redis_scripts.py measures the real scripts). Here a job's
unchanging part (ids, type, payload, ...) is one JSON string per job, read with one MGET per claim and returned as
it is, and its changing fields (state, attempt, creation, owner, lease, start) are one entry of a shared hash, read
and written with one HMGET and one HSET per script; the indexes are the store's (due jobs in claim order, jobs per
queue and state by creation, running jobs by lease, succeeded jobs by finish, running jobs per type). Only the
success path of 20,000 jobs, 100 per claim, one type, no limits or unique keys.

    python3 benchmarks/redis_layout_prototype.py      # REDIS_HOST, REDIS_PORT as for redis_scripts.py

Keys under {jobqueue-bench:layout}, deleted before and after. Python 3 standard library only.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from redis_scripts import delete_keys, evalsha_usec, redis_from_environment  # noqa: E402

P = "{jobqueue-bench:layout}"
SETUP = """-- jobs: immutable JSON in string keys, mutable fields in one shared hash as "state|attempt|createdAt|owner|lease|startedAt"
local now = ARGV[1]
for i = 1, 20000 do
  local id = string.format('0193a7b2-1c2d-7e3f-8a9b-%012d', i)
  redis.call('SET', '{pr}:d:' .. id, '{"id":"' .. id .. '","type":"bench-noop","queue":"bench","priority":0,"maxAttempts":25,"payload":null,"payloadVersion":1}')
  redis.call('HSET', '{pr}:m', id, 'PENDING|0|' .. now .. '|||')
  redis.call('ZADD', '{pr}:st:bench:PENDING', now, id)
  redis.call('ZADD', '{pr}:due', 0, string.rep('0', 2) .. now .. ':' .. id)
end
return 1"""
CLAIM = """local now, limit, owner, lease = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local top = redis.call('ZRANGE', '{pr}:due', 0, limit - 1)
if #top == 0 then return {} end
local ids, dkeys = {}, {}
for i, m in ipairs(top) do local id = string.sub(m, 17); ids[i] = id; dkeys[i] = '{pr}:d:' .. id end
local docs = redis.call('MGET', unpack(dkeys))
local ms = redis.call('HMGET', '{pr}:m', unpack(ids))
local set, rem, add, run, out = {}, {}, {}, {}, {}
for i, id in ipairs(ids) do
  local state, attempt, createdAt = string.match(ms[i], '^(%a+)|(%d+)|(%d+)|')
  attempt = tostring(tonumber(attempt) + 1)
  set[#set + 1] = id; set[#set + 1] = 'RUNNING|' .. attempt .. '|' .. createdAt .. '|' .. owner .. '|' .. lease .. '|' .. now
  rem[#rem + 1] = id
  add[#add + 1] = createdAt; add[#add + 1] = id
  run[#run + 1] = lease; run[#run + 1] = id
  out[#out + 1] = { docs[i], attempt, now }
end
redis.call('HSET', '{pr}:m', unpack(set))
redis.call('ZREM', '{pr}:due', unpack(top))
redis.call('ZREM', '{pr}:st:bench:PENDING', unpack(rem))
redis.call('ZADD', '{pr}:st:bench:RUNNING', unpack(add))
redis.call('ZADD', '{pr}:running', unpack(run))
redis.call('HINCRBY', '{pr}:rbt', 'bench-noop', #ids)
return out"""
RECORD = """local owner, fin = ARGV[1], ARGV[2]
local ids = {}
for i = 3, #ARGV do ids[#ids + 1] = ARGV[i] end
local ms = redis.call('HMGET', '{pr}:m', unpack(ids))
local set, rem, add, suc = {}, {}, {}, {}
for i, id in ipairs(ids) do
  local state, attempt, createdAt, o = string.match(ms[i], '^(%a+)|(%d+)|(%d+)|([^|]*)|')
  if state == 'RUNNING' and o == owner then
    set[#set + 1] = id; set[#set + 1] = 'SUCCEEDED|' .. attempt .. '|' .. createdAt .. '|||' .. fin
    rem[#rem + 1] = id
    add[#add + 1] = createdAt; add[#add + 1] = id
    suc[#suc + 1] = fin; suc[#suc + 1] = id
  end
end
redis.call('HSET', '{pr}:m', unpack(set))
redis.call('ZREM', '{pr}:st:bench:RUNNING', unpack(rem))
redis.call('ZREM', '{pr}:running', unpack(rem))
redis.call('ZADD', '{pr}:st:bench:SUCCEEDED', unpack(add))
redis.call('ZADD', '{pr}:succeeded', unpack(suc))
redis.call('HINCRBY', '{pr}:rbt', 'bench-noop', -#ids)
return #ids"""


def main():
    redis = redis_from_environment()

    delete_keys(redis, P)
    try:
        now = int(time.time() * 1000)
        redis.call("EVAL", SETUP.replace("{pr}", P), 0, now)
        claim = redis.call("SCRIPT", "LOAD", CLAIM.replace("{pr}", P))
        record = redis.call("SCRIPT", "LOAD", RECORD.replace("{pr}", P))
        usec = {claim: 0, record: 0}

        def run(sha, *args):
            before = evalsha_usec(redis)
            reply = redis.call("EVALSHA", sha, 0, *args)
            usec[sha] += evalsha_usec(redis) - before
            return reply

        done = 0
        while claimed := run(claim, now + 1, 100, "owner-1", now + 60_000):
            # Each claimed job's JSON starts with {"id":"<id>".
            run(record, "owner-1", now + 2, *[job[0][7:7 + 36] for job in claimed])
            done += len(claimed)
        claim_usec, record_usec = usec[claim], usec[record]
        print(f"{done} jobs: claim {claim_usec / done:.1f} us of Redis per job, outcome {record_usec / done:.1f}")
        return 0 if done == 20_000 else 1
    finally:
        delete_keys(redis, P)


if __name__ == "__main__":
    sys.exit(main())
