-- ARGV: prefix, now, limit, owner, leaseUntil. Takes over RUNNING jobs whose lease expired before now.
local now, limit, owner, lease = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local taken = {}
if limit < 1 then return taken end
local ids = redis.call('ZRANGEBYSCORE', RUNNING_KEY, '-inf', '(' .. now, 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
    redis.call('HSET', jkey(id), 'owner', owner, 'lease', lease)
    redis.call('ZADD', RUNNING_KEY, lease, id)
    taken[#taken + 1] = redis.call('HMGET', jkey(id), unpack(CLAIMED_FIELDS))
end
return taken
