-- ARGV: prefix, then groups of jobs that share all but their ids and payloads (enqueueAll writes one or two): per
-- group its count, type, queue, priority, maxAttempts, runAt, createdAt, state, hasPayload ('1' or '0'), uniqueKey
-- ('' for none), timeout (milliseconds, '' for none), payloadVersion, headers ('' for none), owner and leaseUntil
-- ('' for none: see NewJob.owner; its state is then RUNNING), then per job its id and, when hasPayload is '1', its
-- payload.
-- All or nothing: returns {'exists', id} when a job with one of the ids exists (nothing written), else
-- {'ok', holder...}: per job, its own id, or that of the active job (or the earlier job of the batch) holding its
-- unique key, in which case it is not written.
-- Publishes each queue that got jobs to claim on P:available.
local GROUP_VALUES = 15
-- Per job, in order: its id, where its group's shared values start in ARGV (from type on), its payload if any.
local ids, groupStarts, payloads, seen = {}, {}, {}, {}
local at = 2
while at <= #ARGV do
    local count, groupStart, hasPayload = tonumber(ARGV[at]), at + 1, ARGV[at + 8] == '1'
    at = at + GROUP_VALUES
    for _ = 1, count do
        local id = ARGV[at]
        if seen[id] then return { 'exists', id } end
        seen[id] = true
        local k = #ids + 1
        ids[k], groupStarts[k] = id, groupStart
        if hasPayload then payloads[k] = ARGV[at + 1]; at = at + 2 else at = at + 1 end
    end
end
load(ids)
for _, id in ipairs(ids) do
    if jobs[id] then return { 'exists', id } end
end
local holders, batchKeys, known, queues = { 'ok' }, {}, {}, {}
for k, id in ipairs(ids) do
    local b = groupStarts[k]
    local queue, uniqueKey = ARGV[b + 1], ARGV[b + 8]
    local holder = uniqueKey ~= '' and (batchKeys[uniqueKey] or redis.call('GET', uniquekey(uniqueKey)))
    if holder then
        holders[#holders + 1] = holder
    else
        local j = blank()
        j[F.id], j[F.type], j[F.queue], j[F.priority], j[F.maxAttempts] = id, ARGV[b], queue, ARGV[b + 2], ARGV[b + 3]
        j[F.runAt], j[F.createdAt], j[F.state], j[F.payloadVersion] = ARGV[b + 4], ARGV[b + 5], ARGV[b + 6],
            ARGV[b + 10]
        -- A job its enqueuing engine takes starts its first attempt at its creation (NewJob.initialAttempt, startedAt).
        local taken = j[F.state] == 'RUNNING'
        j[F.attempt] = taken and '1' or '0'
        if taken then
            j[F.startedAt], j[F.owner], j[F.lease] = j[F.createdAt], ARGV[b + 12], ARGV[b + 13]
        end
        if payloads[k] then j[F.payload] = payloads[k] end
        if ARGV[b + 9] ~= '' then j[F.timeout] = ARGV[b + 9] end
        if ARGV[b + 11] ~= '' then j[F.headers] = ARGV[b + 11] end
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
