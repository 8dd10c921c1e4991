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

-- Index writes are collected and made at the end of the script by flush(), as one command per index rather than
-- one per job: removals first, then additions, so a job that leaves and enters the same index stays in it. Only a
-- script's reads of the hash are immediate; no script reads an index after leave() or enter() (claim promotes and
-- reads P:due before its jobs leave it).
local MAX_ARGS = 1000
local removals, additions, runningDelta = {}, {}, {}
local function zrem(key, member)
    local members = removals[key]
    if not members then members = {}; removals[key] = members end
    members[#members + 1] = member
end
local function zadd(key, score, member)
    local args = additions[key]
    if not args then args = {}; additions[key] = args end
    args[#args + 1] = score
    args[#args + 1] = member
end
local function countRunning(jobType, delta) runningDelta[jobType] = (runningDelta[jobType] or 0) + delta end

local function each(command, key, args)
    for i = 1, #args, MAX_ARGS do redis.call(command, key, unpack(args, i, math.min(i + MAX_ARGS - 1, #args))) end
end

local function flush()
    for key, members in pairs(removals) do each('ZREM', key, members) end
    for key, args in pairs(additions) do each('ZADD', key, args) end
    for jobType, delta in pairs(runningDelta) do
        if delta ~= 0 then redis.call('HINCRBY', RUNNING_BY_TYPE_KEY, jobType, delta) end
    end
    removals, additions, runningDelta = {}, {}, {}
end

-- The fields leave() needs, in this order; h may hold them already read.
local LEAVE_FIELDS = { 'state', 'queue', 'type', 'runAt', 'uniqueKey' }
local function leave(id, h)
    h = h or redis.call('HMGET', jkey(id), unpack(LEAVE_FIELDS))
    local state, queue, jobType = h[1], h[2], h[3]
    if not state then return end
    if ACTIVE[state] and h[5] and redis.call('GET', uniquekey(h[5])) == id then redis.call('DEL', uniquekey(h[5])) end
    zrem(stkey(queue, state), id)
    if RUNNABLE[state] then
        zrem(typed('wait', queue, jobType), id)
        zrem(typed('due', queue, jobType), duemember(h[4], id))
    end
    if state == 'SCHEDULED' then zrem(schedkey(queue), id) end
    if state == 'RUNNING' then
        zrem(RUNNING_KEY, id)
        countRunning(jobType, -1)
    end
    if state == 'SUCCEEDED' then zrem(SUCCEEDED_KEY, id) end
end

-- The fields enter() needs, in this order, as stored after the change; h may hold them already.
local ENTER_FIELDS = { 'state', 'queue', 'type', 'createdAt', 'runAt', 'lease', 'finishedAt', 'priority', 'uniqueKey' }
-- A runnable job due at now goes straight to P:due; now may be math.huge for a job known to be due.
local function enter(id, now, h)
    h = h or redis.call('HMGET', jkey(id), unpack(ENTER_FIELDS))
    local state, queue, jobType = h[1], h[2], h[3]
    if ACTIVE[state] and h[9] then redis.call('SET', uniquekey(h[9]), id) end
    zadd(stkey(queue, state), h[4], id)
    if RUNNABLE[state] then
        if tonumber(h[5]) <= tonumber(now) then
            zadd(typed('due', queue, jobType), -tonumber(h[8]), duemember(h[5], id))
        else
            zadd(typed('wait', queue, jobType), h[5], id)
        end
    end
    if state == 'SCHEDULED' then zadd(schedkey(queue), h[5], id) end
    if state == 'RUNNING' then
        zadd(RUNNING_KEY, h[6], id)
        countRunning(jobType, 1)
    end
    if state == 'SUCCEEDED' then zadd(SUCCEEDED_KEY, h[7], id) end
end

-- Before a job's hash is deleted: its key no longer finds it.
local function forget(id)
    local key = redis.call('HGET', jkey(id), 'uniqueKey')
    if key and redis.call('GET', keyedkey(key)) == id then redis.call('DEL', keyedkey(key)) end
end

local function read(id)
    return redis.call('HMGET', jkey(id), unpack(FIELDS))
end

-- What claim and take-expired return of a job, in this order (the order of the Java ClaimedJob).
local CLAIMED_FIELDS = { 'id', 'type', 'queue', 'priority', 'attempt', 'maxAttempts', 'runAt', 'createdAt',
    'startedAt', 'payload', 'attempts', 'payloadVersion', 'timeout', 'cancelRequestedAt', 'headers' }
