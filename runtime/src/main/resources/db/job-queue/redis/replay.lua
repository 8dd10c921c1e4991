-- ARGV: prefix, id, now. DEAD or CANCELLED to PENDING at now, attempts, cancel request, progress and result reset;
-- returns 1 when replayed, 0 when not (also when another active job holds its unique key).
local id, now = ARGV[2], ARGV[3]
local j = job(id)
if not j or (j[F.state] ~= 'DEAD' and j[F.state] ~= 'CANCELLED') then return 0 end
if j[F.uniqueKey] and redis.call('EXISTS', uniquekey(j[F.uniqueKey])) == 1 then return 0 end
leave(j)
j[F.state], j[F.attempt], j[F.runAt] = 'PENDING', '0', now
j[F.startedAt], j[F.finishedAt], j[F.cancelRequestedAt], j[F.progress], j[F.result] = false, false, false, false, false
save(j)
enter(j, now)
flush()
return 1
