-- Shared by every script of the Redis job store (prepended to each one when it is loaded). ARGV[1] is the key
-- prefix. Keys: P:job:<id> (hash), P:ready:<len(queue)>:<queue>:<type> (runnable jobs by run time),
-- P:sched:<queue> (stored SCHEDULED jobs by run time), P:running (RUNNING jobs by lease expiry), P:succeeded
-- (SUCCEEDED jobs by finish time), P:state:<queue>:<STATE> (every job by creation time), P:queues (queue names).
-- A job is in exactly the indexes of its stored state: leave() before a state change, enter() after it.
local P = ARGV[1]
local RUNNING_KEY = P .. ':running'
local SUCCEEDED_KEY = P .. ':succeeded'
local FIELDS = { 'id', 'type', 'queue', 'priority', 'maxAttempts', 'state', 'attempt', 'runAt', 'createdAt',
    'startedAt', 'finishedAt', 'lastError', 'attempts', 'payload', 'owner', 'lease' }
local RUNNABLE = { SCHEDULED = true, PENDING = true, RETRYING = true }

local function jkey(id) return P .. ':job:' .. id end
local function rkey(queue, jobType) return P .. ':ready:' .. string.len(queue) .. ':' .. queue .. ':' .. jobType end
local function stkey(queue, state) return P .. ':state:' .. queue .. ':' .. state end
local function schedkey(queue) return P .. ':sched:' .. queue end

local function leave(id)
    local h = redis.call('HMGET', jkey(id), 'state', 'queue', 'type')
    local state, queue, jobType = h[1], h[2], h[3]
    if not state then return end
    redis.call('ZREM', stkey(queue, state), id)
    if RUNNABLE[state] then redis.call('ZREM', rkey(queue, jobType), id) end
    if state == 'SCHEDULED' then redis.call('ZREM', schedkey(queue), id) end
    if state == 'RUNNING' then redis.call('ZREM', RUNNING_KEY, id) end
    if state == 'SUCCEEDED' then redis.call('ZREM', SUCCEEDED_KEY, id) end
end

local function enter(id)
    local h = redis.call('HMGET', jkey(id), 'state', 'queue', 'type', 'createdAt', 'runAt', 'lease', 'finishedAt')
    local state, queue, jobType = h[1], h[2], h[3]
    redis.call('ZADD', stkey(queue, state), h[4], id)
    if RUNNABLE[state] then redis.call('ZADD', rkey(queue, jobType), h[5], id) end
    if state == 'SCHEDULED' then redis.call('ZADD', schedkey(queue), h[5], id) end
    if state == 'RUNNING' then redis.call('ZADD', RUNNING_KEY, h[6], id) end
    if state == 'SUCCEEDED' then redis.call('ZADD', SUCCEEDED_KEY, h[7], id) end
end

local function read(id)
    return redis.call('HMGET', jkey(id), unpack(FIELDS))
end
