-- ARGV: prefix, owner, then per outcome its kind, the job's id and the values of that kind:
--   S  succeeded: finishedAt (kept, without a result)
--   SR succeeded: finishedAt, result (kept)
--   SD succeeded and not kept: none (the job is deleted)
--   F  failed: next state, runAt, finishedAt ('' for a retry: not finished), lastError, attempts (each '' for none)
--   C  cancelled: finishedAt
--   R  released: runAt, or '' for now
-- An outcome of a job whose lease the owner does not hold is skipped.
local owner = ARGV[2]
local VALUES = { S = 1, SR = 2, SD = 0, F = 5, C = 1, R = 1 }
local ids = {}
local i = 3
while i <= #ARGV do
    ids[#ids + 1] = ARGV[i + 1]
    i = i + 2 + VALUES[ARGV[i]]
end
fetch(ids)
local function orFalse(value) return value ~= '' and value end

-- A kept success of a job without a unique key, the outcome of most jobs: only the head of the job changes, and the
-- indexes as leave() and enter() would change them. Returns false for a job that is gone or holds a unique key, which
-- the general path below deals with.
local function succeeded(id, finishedAt)
    local offset, state, jobOwner, lease, attempt, startedAt, _, queue, jobType, uniqueKey, createdAt = head(id)
    if not offset or uniqueKey then return false end
    if state == 'RUNNING' and jobOwner == owner then
        zrem(stkey(queue, 'RUNNING'), id)
        countRunning(jobType, -1)
        -- owner and lease stay: the last holder's, which only count in the RUNNING state.
        saveHead(id, offset, 'SUCCEEDED', jobOwner, lease, attempt, startedAt, finishedAt, queue, jobType, false,
            createdAt)
        zadd(stkey(queue, 'SUCCEEDED'), createdAt, id)
        zadd(SUCCEEDED_KEY, finishedAt, id)
    end
    return true
end

i = 3
while i <= #ARGV do
    local kind, id, b = ARGV[i], ARGV[i + 1], i + 2
    i = b + VALUES[kind]
    local handled = kind == 'S' and succeeded(id, ARGV[b])
    local j = not handled and job(id)
    if j and j[F.state] == 'RUNNING' and j[F.owner] == owner then
        leave(j)
        if kind == 'SD' then
            forget(j)
        else
            -- A job released now was due when it was claimed. Any other runnable job (released to a later time,
            -- retrying) waits in P:wait (0): the next claim that finds it due moves it to P:due.
            local due = 0
            -- owner and lease stay: the last holder's, which only count in the RUNNING state.
            if kind == 'S' or kind == 'SR' then
                j[F.state], j[F.finishedAt] = 'SUCCEEDED', ARGV[b]
                if kind == 'SR' then j[F.result] = ARGV[b + 1] end
            elseif kind == 'C' then
                j[F.state], j[F.finishedAt] = 'CANCELLED', ARGV[b]
            elseif kind == 'F' then
                j[F.state], j[F.runAt], j[F.finishedAt] = ARGV[b], ARGV[b + 1], orFalse(ARGV[b + 2])
                j[F.lastError], j[F.attempts] = orFalse(ARGV[b + 3]), orFalse(ARGV[b + 4])
            else
                -- Released without using the attempt.
                j[F.attempt] = tostring(tonumber(j[F.attempt]) - 1)
                if ARGV[b] == '' then
                    j[F.state], due = 'PENDING', math.huge
                else
                    j[F.state], j[F.runAt] = 'SCHEDULED', ARGV[b]
                end
            end
            save(j)
            enter(j, due)
        end
    end
end
flush()
return false
