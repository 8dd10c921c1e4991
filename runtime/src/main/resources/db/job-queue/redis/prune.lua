-- ARGV: prefix, finishedBefore, limit. Deletes up to limit SUCCEEDED jobs finished before the instant.
local limit = tonumber(ARGV[3])
if limit < 1 then return 0 end
local ids = redis.call('ZRANGEBYSCORE', SUCCEEDED_KEY, '-inf', '(' .. ARGV[2], 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
    leave(id)
    forget(id)
    redis.call('DEL', jkey(id))
end
flush()
return #ids
