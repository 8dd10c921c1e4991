-- ARGV: prefix, queue, now, limit, owner, leaseUntil, type... Claims up to limit runnable jobs of those types due
-- at now, highest priority first, then earliest run time, then id; returns each claimed job's fields.
local queue, now, limit, owner, lease = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local candidates = {}
for i = 7, #ARGV do
    local ids = redis.call('ZRANGEBYSCORE', rkey(queue, ARGV[i]), '-inf', now)
    for _, id in ipairs(ids) do
        local h = redis.call('HMGET', jkey(id), 'priority', 'runAt')
        candidates[#candidates + 1] = { id = id, priority = tonumber(h[1]), runAt = tonumber(h[2]) }
    end
end
table.sort(candidates, function(a, b)
    if a.priority ~= b.priority then return a.priority > b.priority end
    if a.runAt ~= b.runAt then return a.runAt < b.runAt end
    return a.id < b.id
end)
local claimed = {}
for i = 1, math.min(limit, #candidates) do
    local id = candidates[i].id
    leave(id)
    local key = jkey(id)
    redis.call('HSET', key, 'state', 'RUNNING', 'startedAt', now, 'owner', owner, 'lease', lease)
    redis.call('HINCRBY', key, 'attempt', 1)
    enter(id)
    claimed[#claimed + 1] = read(id)
end
return claimed
