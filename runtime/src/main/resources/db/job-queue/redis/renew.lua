-- ARGV: prefix, owner, leaseUntil, id... Renews the leases the owner still holds.
local owner, lease = ARGV[2], ARGV[3]
for i = 4, #ARGV do
    local id = ARGV[i]
    local h = redis.call('HMGET', jkey(id), 'state', 'owner')
    if h[1] == 'RUNNING' and h[2] == owner then
        redis.call('HSET', jkey(id), 'lease', lease)
        redis.call('ZADD', RUNNING_KEY, lease, id)
    end
end
return false
