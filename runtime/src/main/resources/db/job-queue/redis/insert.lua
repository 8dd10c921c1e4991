-- ARGV: prefix, count, then per job: id, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload,
-- payload, uniqueKey ('' for none), timeout (milliseconds, '' for none), payloadVersion, headers ('' for none).
-- All or nothing: returns {'exists', id} when a job with one of the ids exists (nothing written), else
-- {'ok', holder...}: per job, its own id, or that of the active job (or the earlier job of the batch) holding its
-- unique key, in which case it is not written.
-- Publishes each queue that got jobs on P:available.
local n = tonumber(ARGV[2])
local seen, queues = {}, {}
for i = 0, n - 1 do
    local id = ARGV[3 + i * 14]
    if seen[id] or redis.call('EXISTS', jkey(id)) == 1 then return { 'exists', id } end
    seen[id] = true
end
local holders, batchKeys = { 'ok' }, {}
for i = 0, n - 1 do
    local b = 3 + i * 14
    local id = ARGV[b]
    local key = jkey(id)
    local uniqueKey = ARGV[b + 10]
    local holder = uniqueKey ~= '' and (batchKeys[uniqueKey] or redis.call('GET', uniquekey(uniqueKey)))
    if holder then
        holders[#holders + 1] = holder
    else
        redis.call('HSET', key, 'id', id, 'type', ARGV[b + 1], 'queue', ARGV[b + 2], 'priority', ARGV[b + 3],
            'maxAttempts', ARGV[b + 4], 'runAt', ARGV[b + 5], 'createdAt', ARGV[b + 6], 'state', ARGV[b + 7],
            'attempt', '0', 'payloadVersion', ARGV[b + 12])
        if ARGV[b + 8] == '1' then redis.call('HSET', key, 'payload', ARGV[b + 9]) end
        if ARGV[b + 11] ~= '' then redis.call('HSET', key, 'timeout', ARGV[b + 11]) end
        if ARGV[b + 13] ~= '' then redis.call('HSET', key, 'headers', ARGV[b + 13]) end
        if uniqueKey ~= '' then
            redis.call('HSET', key, 'uniqueKey', uniqueKey)
            redis.call('SET', keyedkey(uniqueKey), id)
            batchKeys[uniqueKey] = id
        end
        redis.call('SADD', P .. ':queues', ARGV[b + 2])
        enter(id, ARGV[b + 6])
        queues[ARGV[b + 2]] = true
        holders[#holders + 1] = id
    end
end
-- Wakes the workers of other processes (same JVM: the engine wakes its own dispatchers).
for queue in pairs(queues) do redis.call('PUBLISH', P .. ':available', queue) end
return holders
