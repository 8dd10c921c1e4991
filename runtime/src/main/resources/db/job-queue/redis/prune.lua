-- ARGV: prefix, finishedBefore, limit. Deletes up to limit SUCCEEDED jobs finished before the instant.
local limit = tonumber(ARGV[3])
if limit < 1 then return 0 end
local ids = redis.call('ZRANGEBYSCORE', SUCCEEDED_KEY, '-inf', '(' .. ARGV[2], 'LIMIT', 0, limit)
load(ids)
for _, id in ipairs(ids) do
    local j = jobs[id]
    if j then
        leave(j)
        forget(j)
    else
        assertGone(id)
        zrem(SUCCEEDED_KEY, id)
    end
end
flush()
return #ids
