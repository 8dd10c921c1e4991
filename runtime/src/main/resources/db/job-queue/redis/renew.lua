-- ARGV: prefix, owner, leaseUntil, id... Renews the leases the owner still holds; returns the ids among them whose
-- cancellation was requested.
local owner, lease = ARGV[2], ARGV[3]
local cancelRequested = {}
for i = 4, #ARGV do
    local id = ARGV[i]
    local h = redis.call('HMGET', jkey(id), 'state', 'owner', 'cancelRequestedAt')
    if h[1] == 'RUNNING' and h[2] == owner then
        redis.call('HSET', jkey(id), 'lease', lease)
        redis.call('ZADD', RUNNING_KEY, lease, id)
        if h[3] then cancelRequested[#cancelRequested + 1] = id end
    end
end
return cancelRequested
