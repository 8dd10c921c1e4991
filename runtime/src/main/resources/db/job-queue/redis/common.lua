-- Shared by every script of the Redis job store (prepended to each one when it is loaded). ARGV[1] is the key
-- prefix, a Redis Cluster hash tag ({...}) so that every key of the store lives in one slot. Keys:
--   P:job:<id>                            hash: the job
--   P:wait:<len(queue)>:<queue>:<type>    runnable jobs not yet due, by run time
--   P:due:<len(queue)>:<queue>:<type>     runnable jobs that are due, by -priority, then member <runAt>:<id>
--   P:sched:<queue>                       stored SCHEDULED jobs by run time (to count the due ones as PENDING)
--   P:running                             RUNNING jobs by lease expiry
--   P:succeeded                           SUCCEEDED jobs by finish time
--   P:state:<queue>:<STATE>               every job by creation time
--   P:queues                              queue names
--   P:unique:<unique key>                 the id of the active job holding the key
--   P:keyed:<unique key>                  the id of the newest job with the key, in any state
--   P:running-by-type                     hash: RUNNING jobs per type, which concurrency limits read
--   P:window-start, P:window-starts       hashes: per rate-limited type, when its rate window opened and how many
--                                         jobs started in it
-- A job is in exactly the indexes of its stored state: leave() before a state change, enter() after it. A runnable
-- job waits in P:wait until a claim finds it due and moves it to P:due, whose order is the claim order, so a claim
-- reads only as many jobs as it takes.
local P = ARGV[1]
local RUNNING_KEY = P .. ':running'
local SUCCEEDED_KEY = P .. ':succeeded'
local RUNNING_BY_TYPE_KEY = P .. ':running-by-type'
local FIELDS = { 'id', 'type', 'queue', 'priority', 'maxAttempts', 'state', 'attempt', 'runAt', 'createdAt',
    'startedAt', 'finishedAt', 'lastError', 'attempts', 'payload', 'owner', 'lease', 'uniqueKey', 'timeout',
    'cancelRequestedAt', 'progress', 'result', 'payloadVersion', 'headers' }
local RUNNABLE = { SCHEDULED = true, PENDING = true, RETRYING = true }
-- States that hold the job's unique key.
local ACTIVE = { SCHEDULED = true, PENDING = true, RETRYING = true, RUNNING = true }
-- Run times in P:due members are zero-padded to this width, so that equal priorities sort by run time, then id.
local RUN_AT_WIDTH = 15

local function jkey(id) return P .. ':job:' .. id end
local function typed(kind, queue, jobType) return P .. ':' .. kind .. ':' .. string.len(queue) .. ':' .. queue .. ':' .. jobType end
local function stkey(queue, state) return P .. ':state:' .. queue .. ':' .. state end
local function schedkey(queue) return P .. ':sched:' .. queue end
local function uniquekey(key) return P .. ':unique:' .. key end
local function keyedkey(key) return P .. ':keyed:' .. key end
local function duemember(runAt, id) return string.rep('0', RUN_AT_WIDTH - string.len(runAt)) .. runAt .. ':' .. id end
local function dueid(member) return string.sub(member, RUN_AT_WIDTH + 2) end
local function duerunat(member) return tonumber(string.sub(member, 1, RUN_AT_WIDTH)) end

local function leave(id)
    local h = redis.call('HMGET', jkey(id), 'state', 'queue', 'type', 'runAt', 'uniqueKey')
    local state, queue, jobType = h[1], h[2], h[3]
    if not state then return end
    if ACTIVE[state] and h[5] and redis.call('GET', uniquekey(h[5])) == id then redis.call('DEL', uniquekey(h[5])) end
    redis.call('ZREM', stkey(queue, state), id)
    if RUNNABLE[state] then
        redis.call('ZREM', typed('wait', queue, jobType), id)
        redis.call('ZREM', typed('due', queue, jobType), duemember(h[4], id))
    end
    if state == 'SCHEDULED' then redis.call('ZREM', schedkey(queue), id) end
    if state == 'RUNNING' then
        redis.call('ZREM', RUNNING_KEY, id)
        redis.call('HINCRBY', RUNNING_BY_TYPE_KEY, jobType, -1)
    end
    if state == 'SUCCEEDED' then redis.call('ZREM', SUCCEEDED_KEY, id) end
end

-- A runnable job due at now goes straight to P:due; now may be math.huge for a job known to be due.
local function enter(id, now)
    local h = redis.call('HMGET', jkey(id), 'state', 'queue', 'type', 'createdAt', 'runAt', 'lease', 'finishedAt',
        'priority', 'uniqueKey')
    local state, queue, jobType = h[1], h[2], h[3]
    if ACTIVE[state] and h[9] then redis.call('SET', uniquekey(h[9]), id) end
    redis.call('ZADD', stkey(queue, state), h[4], id)
    if RUNNABLE[state] then
        if tonumber(h[5]) <= tonumber(now) then
            redis.call('ZADD', typed('due', queue, jobType), -tonumber(h[8]), duemember(h[5], id))
        else
            redis.call('ZADD', typed('wait', queue, jobType), h[5], id)
        end
    end
    if state == 'SCHEDULED' then redis.call('ZADD', schedkey(queue), h[5], id) end
    if state == 'RUNNING' then
        redis.call('ZADD', RUNNING_KEY, h[6], id)
        redis.call('HINCRBY', RUNNING_BY_TYPE_KEY, jobType, 1)
    end
    if state == 'SUCCEEDED' then redis.call('ZADD', SUCCEEDED_KEY, h[7], id) end
end

-- Before a job's hash is deleted: its key no longer finds it.
local function forget(id)
    local key = redis.call('HGET', jkey(id), 'uniqueKey')
    if key and redis.call('GET', keyedkey(key)) == id then redis.call('DEL', keyedkey(key)) end
end

local function read(id)
    return redis.call('HMGET', jkey(id), unpack(FIELDS))
end
