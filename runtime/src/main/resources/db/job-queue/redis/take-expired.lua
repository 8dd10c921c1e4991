-- ARGV: prefix, now, limit, owner, leaseUntil. Takes over RUNNING jobs whose lease expired before now, in every
-- queue; returns them packed, one after the other, as claim does.
local now, limit, owner, lease = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local taken = {}
for _, queue in ipairs(redis.call('SMEMBERS', P .. ':queues')) do
    if #taken >= limit then break end
    local running = stkey(queue, 'RUNNING')
    local ids = redis.call('ZRANGEBYSCORE', running, '-inf', '(' .. now, 'LIMIT', 0, limit - #taken)
    load(ids)
    for _, id in ipairs(ids) do
        local j = jobs[id]
        if j then
            j[F.owner] = owner
            holdUntil(j, lease)
            taken[#taken + 1] = save(j)
        else
            assertGone(id)
            zrem(running, id)
        end
    end
end
flush()
return table.concat(taken)
