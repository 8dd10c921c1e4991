-- ARGV: prefix, count, then per job: id, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload,
-- payload. All or nothing: returns the id of a job that already exists (nothing written), or false.
local n = tonumber(ARGV[2])
local seen = {}
for i = 0, n - 1 do
    local id = ARGV[3 + i * 10]
    if seen[id] or redis.call('EXISTS', jkey(id)) == 1 then return id end
    seen[id] = true
end
for i = 0, n - 1 do
    local b = 3 + i * 10
    local id = ARGV[b]
    local key = jkey(id)
    redis.call('HSET', key, 'id', id, 'type', ARGV[b + 1], 'queue', ARGV[b + 2], 'priority', ARGV[b + 3],
        'maxAttempts', ARGV[b + 4], 'runAt', ARGV[b + 5], 'createdAt', ARGV[b + 6], 'state', ARGV[b + 7],
        'attempt', '0')
    if ARGV[b + 8] == '1' then redis.call('HSET', key, 'payload', ARGV[b + 9]) end
    redis.call('SADD', P .. ':queues', ARGV[b + 2])
    enter(id)
end
return false
