-- ARGV: prefix, owner, count, then per outcome 9 values: kind, id, then
--   S: finishedAt, retain ('1'/'0'), hasResult, result
--   F: next state, runAt, finishedAt (empty for a retry: not finished), hasLastError, lastError, hasAttempts,
--      attempts
--   C: finishedAt (cancelled)
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
            elseif ARGV[b + 2] == '' then
                redis.call('HSET', key, 'state', 'PENDING')
                redis.call('HINCRBY', key, 'attempt', -1)
            else
                redis.call('HSET', key, 'state', 'SCHEDULED', 'runAt', ARGV[b + 2])
                redis.call('HINCRBY', key, 'attempt', -1)
            end
            -- A job released now was due when it was claimed. Any other runnable job (released to a later time,
            -- retrying) waits in P:wait (0): the next claim that finds it due moves it to P:due.
            enter(id, (kind == 'R' and ARGV[b + 2] == '') and math.huge or 0)
        end
    end
end
return false
