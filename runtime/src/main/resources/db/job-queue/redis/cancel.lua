-- ARGV: prefix, id, now. SCHEDULED, PENDING or RETRYING to CANCELLED; on a RUNNING job records the first request
-- for its lease holder. Returns what it did: CANCELLED, REQUESTED or NONE (the Java enum Cancellation).
local id, now = ARGV[2], ARGV[3]
local j = job(id)
if j and j[F.state] == 'RUNNING' then
    if not j[F.cancelRequestedAt] then
        j[F.cancelRequestedAt] = now
        save(j)
        flush()
    end
    return 'REQUESTED'
end
if not j or not RUNNABLE[j[F.state]] then return 'NONE' end
leave(j)
j[F.state], j[F.finishedAt] = 'CANCELLED', now
save(j)
enter(j, now)
flush()
return 'CANCELLED'
