-- ARGV: prefix, count, then per job: id, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload,
-- payload, uniqueKey ('' for none), timeout (milliseconds, '' for none), payloadVersion, headers ('' for none),
-- owner and leaseUntil ('' for none: see NewJob.owner; its state is then RUNNING).
-- All or nothing: returns {'exists', id} when a job with one of the ids exists (nothing written), else
-- {'ok', holder...}: per job, its own id, or that of the active job (or the earlier job of the batch) holding its
-- unique key, in which case it is not written.
-- Publishes each queue that got jobs to claim on P:available.
local n = tonumber(ARGV[2])
local seen, queues = {}, {}
for i = 0, n - 1 do
    local id = ARGV[3 + i * 16]
    if seen[id] or redis.call('EXISTS', jkey(id)) == 1 then return { 'exists', id } end
    seen[id] = true
end
local holders, batchKeys, known = { 'ok' }, {}, {}
for i = 0, n - 1 do
    local b = 3 + i * 16
    local id, jobType, queue, priority, runAt, createdAt, state = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3],
        ARGV[b + 5], ARGV[b + 6], ARGV[b + 7]
    local uniqueKey = ARGV[b + 10]
    local holder = uniqueKey ~= '' and (batchKeys[uniqueKey] or redis.call('GET', uniquekey(uniqueKey)))
    if holder then
        holders[#holders + 1] = holder
    else
        -- A job its enqueuing engine takes starts its first attempt at its creation (NewJob.initialAttempt, startedAt).
        local lease = state == 'RUNNING' and ARGV[b + 15]
        local fields = { 'id', id, 'type', jobType, 'queue', queue, 'priority', priority, 'maxAttempts', ARGV[b + 4],
            'runAt', runAt, 'createdAt', createdAt, 'state', state, 'attempt', lease and '1' or '0',
            'payloadVersion', ARGV[b + 12] }
        if lease then
            fields[#fields + 1] = 'startedAt'; fields[#fields + 1] = createdAt
            fields[#fields + 1] = 'owner'; fields[#fields + 1] = ARGV[b + 14]
            fields[#fields + 1] = 'lease'; fields[#fields + 1] = lease
        end
        if ARGV[b + 8] == '1' then fields[#fields + 1] = 'payload'; fields[#fields + 1] = ARGV[b + 9] end
        if ARGV[b + 11] ~= '' then fields[#fields + 1] = 'timeout'; fields[#fields + 1] = ARGV[b + 11] end
        if ARGV[b + 13] ~= '' then fields[#fields + 1] = 'headers'; fields[#fields + 1] = ARGV[b + 13] end
        if uniqueKey ~= '' then
            fields[#fields + 1] = 'uniqueKey'; fields[#fields + 1] = uniqueKey
            redis.call('SET', keyedkey(uniqueKey), id)
            batchKeys[uniqueKey] = id
        else
            uniqueKey = false
        end
        redis.call('HSET', jkey(id), unpack(fields))
        enter(id, createdAt, { state, queue, jobType, createdAt, runAt, lease, false, priority, uniqueKey })
        known[queue] = true
        if not lease then queues[queue] = true end
        holders[#holders + 1] = id
    end
end
flush()
-- Wakes the workers of other processes (same JVM: the engine wakes its own dispatchers).
for queue in pairs(known) do redis.call('SADD', P .. ':queues', queue) end
for queue in pairs(queues) do redis.call('PUBLISH', P .. ':available', queue) end
return holders
