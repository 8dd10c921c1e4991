-- ARGV: prefix, owner, count, then per outcome 9 values: kind, id, then
--   S: finishedAt, retain ('1'/'0')
--   F: next state, runAt, finishedAt, hasLastError, lastError, hasAttempts, attempts
--   R: runAt, or '' for now
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
            redis.call('DEL', key)
        else
            redis.call('HDEL', key, 'owner', 'lease')
            if kind == 'S' then
                redis.call('HSET', key, 'state', 'SUCCEEDED', 'finishedAt', ARGV[b + 2])
            elseif kind == 'F' then
                redis.call('HSET', key, 'state', ARGV[b + 2], 'runAt', ARGV[b + 3], 'finishedAt', ARGV[b + 4])
                if ARGV[b + 5] == '1' then redis.call('HSET', key, 'lastError', ARGV[b + 6])
                else redis.call('HDEL', key, 'lastError') end
                if ARGV[b + 7] == '1' then redis.call('HSET', key, 'attempts', ARGV[b + 8])
                else redis.call('HDEL', key, 'attempts') end
            elseif ARGV[b + 2] == '' then
                redis.call('HSET', key, 'state', 'PENDING')
                redis.call('HINCRBY', key, 'attempt', -1)
            else
                redis.call('HSET', key, 'state', 'SCHEDULED', 'runAt', ARGV[b + 2])
                redis.call('HINCRBY', key, 'attempt', -1)
            end
            -- A job released now was due when it was claimed, one released to a later time is not yet (0 makes it
            -- wait for its run time); a failed one is due unless it runs after the attempt's end.
            local dueAt = ARGV[b + (kind == 'S' and 2 or 4)]
            if kind == 'R' then dueAt = ARGV[b + 2] == '' and math.huge or 0 end
            enter(id, dueAt)
        end
    end
end
return false
