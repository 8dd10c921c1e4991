-- ARGV: prefix, id, now. SCHEDULED, PENDING or RETRYING to CANCELLED; on a RUNNING job records the first request
-- for its lease holder. Returns what it did: CANCELLED, REQUESTED or NONE (the Java enum Cancellation).
local id, now = ARGV[2], ARGV[3]
local state = redis.call('HGET', jkey(id), 'state')
if state == 'RUNNING' then
    redis.call('HSETNX', jkey(id), 'cancelRequestedAt', now)
    return 'REQUESTED'
end
if not state or not RUNNABLE[state] then return 'NONE' end
leave(id)
redis.call('HSET', jkey(id), 'state', 'CANCELLED', 'finishedAt', now)
enter(id, now)
flush()
return 'CANCELLED'
