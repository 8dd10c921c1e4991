-- ARGV: prefix, queue, now, limit, owner, leaseUntil, type... Claims up to limit runnable jobs of those types due
-- at now, highest priority first, then earliest run time, then id; returns each claimed job's fields.
-- First moves the jobs that became due to P:due, earliest first and at most PROMOTE_MAX per type (the rest follow
-- in the next claims), then reads the first limit of each type's P:due and takes the best limit of them.
local queue, now, limit, owner, lease = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local nowMillis = tonumber(now)
local PROMOTE_MAX = 1000
local candidates = {}
for i = 7, #ARGV do
    local jobType = ARGV[i]
    local wait, due = typed('wait', queue, jobType), typed('due', queue, jobType)
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', wait, '-inf', now, 'LIMIT', 0, PROMOTE_MAX)) do
        local h = redis.call('HMGET', jkey(id), 'priority', 'runAt')
        redis.call('ZREM', wait, id)
        redis.call('ZADD', due, -tonumber(h[1]), duemember(h[2], id))
    end
    local top = redis.call('ZRANGE', due, 0, limit - 1, 'WITHSCORES')
    for j = 1, #top, 2 do
        local member = top[j]
        if duerunat(member) <= nowMillis then
            candidates[#candidates + 1] = { member = member, score = tonumber(top[j + 1]) }
        end
    end
end
table.sort(candidates, function(a, b)
    if a.score ~= b.score then return a.score < b.score end
    return a.member < b.member
end)
local claimed = {}
for i = 1, math.min(limit, #candidates) do
    local id = dueid(candidates[i].member)
    leave(id)
    local key = jkey(id)
    redis.call('HSET', key, 'state', 'RUNNING', 'startedAt', now, 'owner', owner, 'lease', lease)
    redis.call('HINCRBY', key, 'attempt', 1)
    enter(id, now)
    claimed[#claimed + 1] = read(id)
end
return claimed
