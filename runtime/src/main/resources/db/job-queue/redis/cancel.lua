-- ARGV: prefix, id, now. SCHEDULED, PENDING or RETRYING to CANCELLED; returns 1 when cancelled.
local id, now = ARGV[2], ARGV[3]
local state = redis.call('HGET', jkey(id), 'state')
if not state or not RUNNABLE[state] then return 0 end
leave(id)
redis.call('HSET', jkey(id), 'state', 'CANCELLED', 'finishedAt', now)
enter(id, now)
return 1
