-- ARGV: prefix, count, then per job: id, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload,
-- payload, payloadVersion. All or nothing: returns the id of a job that already exists (nothing written), or false. Publishes each
-- queue that got jobs on P:available.
local n = tonumber(ARGV[2])
local seen, queues = {}, {}
for i = 0, n - 1 do
    local id = ARGV[3 + i * 11]
    if seen[id] or redis.call('EXISTS', jkey(id)) == 1 then return id end
    seen[id] = true
end
for i = 0, n - 1 do
    local b = 3 + i * 11
    local id = ARGV[b]
    local key = jkey(id)
    redis.call('HSET', key, 'id', id, 'type', ARGV[b + 1], 'queue', ARGV[b + 2], 'priority', ARGV[b + 3],
        'maxAttempts', ARGV[b + 4], 'runAt', ARGV[b + 5], 'createdAt', ARGV[b + 6], 'state', ARGV[b + 7],
        'attempt', '0', 'payloadVersion', ARGV[b + 10])
    if ARGV[b + 8] == '1' then redis.call('HSET', key, 'payload', ARGV[b + 9]) end
    redis.call('SADD', P .. ':queues', ARGV[b + 2])
    enter(id, ARGV[b + 6])
    queues[ARGV[b + 2]] = true
end
-- Wakes the workers of other processes (same JVM: the engine wakes its own dispatchers).
for queue in pairs(queues) do redis.call('PUBLISH', P .. ':available', queue) end
return false
