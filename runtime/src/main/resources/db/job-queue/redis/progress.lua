-- ARGV: prefix, id, owner, progress, leaseUntil. Stores the progress of a job the owner holds and renews its lease;
-- returns 1 when its cancellation was requested.
local id, owner, progress, lease = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local j = job(id)
if not j or j[F.state] ~= 'RUNNING' or j[F.owner] ~= owner then return 0 end
j[F.progress] = progress
holdUntil(j, lease)
save(j)
flush()
return j[F.cancelRequestedAt] and 1 or 0
