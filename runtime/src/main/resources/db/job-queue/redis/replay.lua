-- ARGV: prefix, id, now. DEAD or CANCELLED to PENDING at now, attempts, cancel request, progress and result reset;
-- returns 1 when replayed.
local id, now = ARGV[2], ARGV[3]
local state = redis.call('HGET', jkey(id), 'state')
if state ~= 'DEAD' and state ~= 'CANCELLED' then return 0 end
leave(id)
redis.call('HSET', jkey(id), 'state', 'PENDING', 'attempt', '0', 'runAt', now)
redis.call('HDEL', jkey(id), 'startedAt', 'finishedAt', 'cancelRequestedAt', 'progress', 'result')
enter(id, now)
return 1
