-- ARGV: prefix, queue, now, limit, owner, leaseUntil, then per type 4 values: type, maxConcurrency, rateLimit,
-- ratePeriod (millis; 0 for no limit). Claims up to limit runnable jobs of those types due at now, highest priority
-- first, then earliest run time, then id, within each type's limits; returns the claimed jobs packed, one after the
-- other, as one string (one reply element for all, which the client parses once).
-- First moves the jobs that became due to P:due, earliest first and at most PROMOTE_MAX per type (the rest follow
-- in the next claims), then reads the first allowed jobs of each type's P:due and takes the best limit of them.
-- A limited type's allowance: maxConcurrency minus its running jobs, and rateLimit minus the starts of its fixed
-- window, which opens with the first start after the last window of ratePeriod ended.
local queue, now, limit, owner, lease = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local nowMillis = tonumber(now)
local PROMOTE_MAX = 1000
local WINDOW_START_KEY, WINDOW_STARTS_KEY = P .. ':window-start', P .. ':window-starts'
local candidates = {}
local windows = {}
-- How many types have candidates: those of one type come in claim order already.
local sources = 0
for i = 7, #ARGV, 4 do
    local jobType = ARGV[i]
    local maxConcurrency, rateLimit, ratePeriod = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
    local allowance = limit
    if maxConcurrency > 0 then
        local running = tonumber(redis.call('HGET', RUNNING_BY_TYPE_KEY, jobType) or '0')
        allowance = math.min(allowance, math.max(0, maxConcurrency - running))
    end
    if rateLimit > 0 then
        local start = redis.call('HGET', WINDOW_START_KEY, jobType)
        local starts = tonumber(redis.call('HGET', WINDOW_STARTS_KEY, jobType) or '0')
        if not start or nowMillis >= tonumber(start) + ratePeriod then start, starts = now, 0 end
        windows[jobType] = { start = start, starts = starts }
        allowance = math.min(allowance, math.max(0, rateLimit - starts))
    end
    local wait, due = typed('wait', queue, jobType), typed('due', queue, jobType)
    local promoted = redis.call('ZRANGEBYSCORE', wait, '-inf', now, 'LIMIT', 0, PROMOTE_MAX)
    if #promoted > 0 then
        load(promoted)
        local members = {}
        for _, id in ipairs(promoted) do
            local j = jobs[id]
            if j then
                members[#members + 1] = -tonumber(j[F.priority])
                members[#members + 1] = duemember(j[F.runAt], id)
            else
                assertGone(id)
            end
        end
        redis.call('ZREM', wait, unpack(promoted))
        if #members > 0 then redis.call('ZADD', due, unpack(members)) end
    end
    if allowance > 0 then
        local top = redis.call('ZRANGE', due, 0, allowance - 1, 'WITHSCORES')
        if #top > 0 then sources = sources + 1 end
        for j = 1, #top, 2 do
            local member = top[j]
            if duerunat(member) <= nowMillis then
                candidates[#candidates + 1] = { member = member, score = tonumber(top[j + 1]), type = jobType, due = due }
            end
        end
    end
end
if sources > 1 then
    table.sort(candidates, function(a, b)
        if a.score ~= b.score then return a.score < b.score end
        return a.member < b.member
    end)
end
local count = math.min(limit, #candidates)
local ids = {}
for i = 1, count do ids[i] = dueid(candidates[i].member) end
fetch(ids)
local claimed = {}
local running = stkey(queue, 'RUNNING')
for i = 1, count do
    local candidate = candidates[i]
    local id = ids[i]
    zrem(candidate.due, candidate.member)
    local offset, state, _, _, attempt, _, finishedAt, jobQueue, jobType, uniqueKey, createdAt = head(id)
    if offset then
        zrem(stkey(queue, state), id)
        if state == 'SCHEDULED' then zrem(schedkey(queue), id) end
        -- A claim moves a job between two active states: its unique key stays with it.
        claimed[#claimed + 1] = saveHead(id, offset, 'RUNNING', owner, lease, tostring(tonumber(attempt) + 1), now,
            finishedAt, jobQueue, jobType, uniqueKey, createdAt)
        zadd(running, lease, id)
        countRunning(jobType, 1)
        local window = windows[jobType]
        if window then window.starts = window.starts + 1; window.started = true end
    else
        assertGone(id)
    end
end
for jobType, window in pairs(windows) do
    if window.started then
        redis.call('HSET', WINDOW_START_KEY, jobType, window.start)
        redis.call('HSET', WINDOW_STARTS_KEY, jobType, window.starts)
    end
end
flush()
return table.concat(claimed)
