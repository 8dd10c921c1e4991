-- ARGV: prefix, owner, count, then per outcome 9 values: kind, id, then
--   S: finishedAt, retain ('1'/'0'), hasResult, result
--   F: next state, runAt, finishedAt (empty for a retry: not finished), hasLastError, lastError, hasAttempts,
--      attempts
--   C: finishedAt (cancelled)
--   R: nothing
-- An outcome of a job whose lease the owner does not hold is skipped.
local owner, n = ARGV[2], tonumber(ARGV[3])
for i = 0, n - 1 do
    local b = 4 + i * 9
    local kind, id = ARGV[b], ARGV[b + 1]
    local key = jkey(id)
    local h = redis.call('HMGET', key, 'state', 'owner')
    if h[1] == 'RUNNING' and h[2] == owner then
        leave(id)
        if kind == 'S' and ARGV[b + 3] ~= '1' then
            forget(id)
            redis.call('DEL', key)
        else
            redis.call('HDEL', key, 'owner', 'lease')
            if kind == 'S' then
                redis.call('HSET', key, 'state', 'SUCCEEDED', 'finishedAt', ARGV[b + 2])
                if ARGV[b + 4] == '1' then redis.call('HSET', key, 'result', ARGV[b + 5]) end
            elseif kind == 'C' then
                redis.call('HSET', key, 'state', 'CANCELLED', 'finishedAt', ARGV[b + 2])
            elseif kind == 'F' then
                redis.call('HSET', key, 'state', ARGV[b + 2], 'runAt', ARGV[b + 3])
                if ARGV[b + 4] ~= '' then redis.call('HSET', key, 'finishedAt', ARGV[b + 4])
                else redis.call('HDEL', key, 'finishedAt') end
                if ARGV[b + 5] == '1' then redis.call('HSET', key, 'lastError', ARGV[b + 6])
                else redis.call('HDEL', key, 'lastError') end
                if ARGV[b + 7] == '1' then redis.call('HSET', key, 'attempts', ARGV[b + 8])
                else redis.call('HDEL', key, 'attempts') end
            else
                redis.call('HSET', key, 'state', 'PENDING')
                redis.call('HINCRBY', key, 'attempt', -1)
            end
            -- A released job was due when it was claimed; a failed one is due unless it runs after the attempt's end
            -- (for a retry, which has no finish time: after the server's clock).
            local at = ARGV[b + (kind == 'F' and 4 or 2)]
            if at == '' then
                local time = redis.call('TIME')
                at = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            end
            enter(id, kind == 'R' and math.huge or at)
        end
    end
end
return false
