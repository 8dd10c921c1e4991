-- ARGV: prefix, id, now. DEAD or CANCELLED to PENDING at now, attempts, cancel request, progress and result reset;
-- returns 1 when replayed, 0 when not (also when another active job holds its unique key).
local id, now = ARGV[2], ARGV[3]
local h = redis.call('HMGET', jkey(id), 'state', 'uniqueKey')
local state = h[1]
if state ~= 'DEAD' and state ~= 'CANCELLED' then return 0 end
if h[2] and redis.call('EXISTS', uniquekey(h[2])) == 1 then return 0 end
leave(id)
redis.call('HSET', jkey(id), 'state', 'PENDING', 'attempt', '0', 'runAt', now)
redis.call('HDEL', jkey(id), 'startedAt', 'finishedAt', 'cancelRequestedAt', 'progress', 'result')
enter(id, now)
flush()
return 1
