-- ARGV: prefix, count, then per job: id, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload,
-- payload, uniqueKey ('' for none), timeout (milliseconds, '' for none), payloadVersion, headers ('' for none),
-- owner and leaseUntil ('' for none: see NewJob.owner; its state is then RUNNING).
-- All or nothing: returns {'exists', id} when a job with one of the ids exists (nothing written), else
-- {'ok', holder...}: per job, its own id, or that of the active job (or the earlier job of the batch) holding its
-- unique key, in which case it is not written.
-- Publishes each queue that got jobs to claim on P:available.
local n = tonumber(ARGV[2])
local ids, seen = {}, {}
for i = 0, n - 1 do
    local id = ARGV[3 + i * 16]
    if seen[id] then return { 'exists', id } end
    seen[id] = true
    ids[#ids + 1] = id
end
load(ids)
for _, id in ipairs(ids) do
    if jobs[id] then return { 'exists', id } end
end
local holders, batchKeys, known, queues = { 'ok' }, {}, {}, {}
for i = 0, n - 1 do
    local b = 3 + i * 16
    local id, queue, uniqueKey = ARGV[b], ARGV[b + 2], ARGV[b + 10]
    local holder = uniqueKey ~= '' and (batchKeys[uniqueKey] or redis.call('GET', uniquekey(uniqueKey)))
    if holder then
        holders[#holders + 1] = holder
    else
        local j = blank()
        j[F.id], j[F.type], j[F.queue], j[F.priority], j[F.maxAttempts] = id, ARGV[b + 1], queue, ARGV[b + 3],
            ARGV[b + 4]
        j[F.runAt], j[F.createdAt], j[F.state], j[F.payloadVersion] = ARGV[b + 5], ARGV[b + 6], ARGV[b + 7],
            ARGV[b + 12]
        -- A job its enqueuing engine takes starts its first attempt at its creation (NewJob.initialAttempt, startedAt).
        local taken = j[F.state] == 'RUNNING'
        j[F.attempt] = taken and '1' or '0'
        if taken then
            j[F.startedAt], j[F.owner], j[F.lease] = j[F.createdAt], ARGV[b + 14], ARGV[b + 15]
        end
        if ARGV[b + 8] == '1' then j[F.payload] = ARGV[b + 9] end
        if ARGV[b + 11] ~= '' then j[F.timeout] = ARGV[b + 11] end
        if ARGV[b + 13] ~= '' then j[F.headers] = ARGV[b + 13] end
        if uniqueKey ~= '' then
            j[F.uniqueKey] = uniqueKey
            redis.call('SET', keyedkey(uniqueKey), id)
            batchKeys[uniqueKey] = id
        end
        save(j)
        enter(j, j[F.createdAt])
        known[queue] = true
        if not taken then queues[queue] = true end
        holders[#holders + 1] = id
    end
end
flush()
-- Wakes the workers of other processes (same JVM: the engine wakes its own dispatchers).
for queue in pairs(known) do redis.call('SADD', P .. ':queues', queue) end
for queue in pairs(queues) do redis.call('PUBLISH', P .. ':available', queue) end
return holders
