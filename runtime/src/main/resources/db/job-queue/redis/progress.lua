-- ARGV: prefix, id, owner, progress, leaseUntil. Stores the progress of a job the owner holds and renews its lease;
-- returns 1 when its cancellation was requested.
local id, owner, progress, lease = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local h = redis.call('HMGET', jkey(id), 'state', 'owner', 'cancelRequestedAt')
if h[1] ~= 'RUNNING' or h[2] ~= owner then return 0 end
redis.call('HSET', jkey(id), 'progress', progress, 'lease', lease)
redis.call('ZADD', RUNNING_KEY, lease, id)
return h[3] and 1 or 0
