-- ARGV: prefix, owner, count, then per outcome 9 values: kind, id, then
--   S: finishedAt, retain ('1'/'0'), hasResult, result
--   F: next state, runAt, finishedAt (empty for a retry: not finished), hasLastError, lastError, hasAttempts,
--      attempts
--   C: finishedAt (cancelled)
--   R: runAt, or '' for now
-- An outcome of a job whose lease the owner does not hold is skipped.
local owner, n = ARGV[2], tonumber(ARGV[3])
-- LEAVE_FIELDS, then what the outcome and enter() need.
local RECORDED_FIELDS = { 'state', 'queue', 'type', 'runAt', 'uniqueKey', 'owner', 'createdAt', 'priority', 'attempt' }
for i = 0, n - 1 do
    local b = 4 + i * 9
    local kind, id = ARGV[b], ARGV[b + 1]
    local key = jkey(id)
    local h = redis.call('HMGET', key, unpack(RECORDED_FIELDS))
    if h[1] == 'RUNNING' and h[6] == owner then
        leave(id, h)
        if kind == 'S' and ARGV[b + 3] ~= '1' then
            forget(id)
            redis.call('DEL', key)
        else
            -- The stored state after the change, as enter() reads it: state, runAt, finishedAt.
            local state, runAt, finishedAt = nil, h[4], false
            -- A job released now was due when it was claimed. Any other runnable job (released to a later time,
            -- retrying) waits in P:wait (0): the next claim that finds it due moves it to P:due.
            local due = 0
            -- owner and lease stay: the last holder's, which only count in the RUNNING state.
            local set, del = {}, {}
            if kind == 'S' then
                state, finishedAt = 'SUCCEEDED', ARGV[b + 2]
                set = { 'finishedAt', finishedAt }
                if ARGV[b + 4] == '1' then set[#set + 1] = 'result'; set[#set + 1] = ARGV[b + 5] end
            elseif kind == 'C' then
                state, finishedAt = 'CANCELLED', ARGV[b + 2]
                set = { 'finishedAt', finishedAt }
            elseif kind == 'F' then
                state, runAt = ARGV[b + 2], ARGV[b + 3]
                set = { 'runAt', runAt }
                if ARGV[b + 4] ~= '' then
                    finishedAt = ARGV[b + 4]
                    set[#set + 1] = 'finishedAt'; set[#set + 1] = finishedAt
                else
                    del[#del + 1] = 'finishedAt'
                end
                if ARGV[b + 5] == '1' then set[#set + 1] = 'lastError'; set[#set + 1] = ARGV[b + 6]
                else del[#del + 1] = 'lastError' end
                if ARGV[b + 7] == '1' then set[#set + 1] = 'attempts'; set[#set + 1] = ARGV[b + 8]
                else del[#del + 1] = 'attempts' end
            else
                -- Released without using the attempt.
                set = { 'attempt', tostring(tonumber(h[9]) - 1) }
                if ARGV[b + 2] == '' then
                    state, due = 'PENDING', math.huge
                else
                    state, runAt = 'SCHEDULED', ARGV[b + 2]
                    set[#set + 1] = 'runAt'; set[#set + 1] = runAt
                end
            end
            if #del > 0 then redis.call('HDEL', key, unpack(del)) end
            redis.call('HSET', key, 'state', state, unpack(set))
            enter(id, due, { state, h[2], h[3], h[7], runAt, false, finishedAt, h[8], h[5] })
        end
    end
end
flush()
return false
