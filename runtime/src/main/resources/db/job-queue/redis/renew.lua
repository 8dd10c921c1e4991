-- ARGV: prefix, owner, leaseUntil, id... Renews the leases the owner still holds; returns the ids among them whose
-- cancellation was requested.
local owner, lease = ARGV[2], ARGV[3]
local ids = {}
for i = 4, #ARGV do ids[#ids + 1] = ARGV[i] end
load(ids)
local cancelRequested = {}
for _, id in ipairs(ids) do
    local j = jobs[id]
    if j and j[F.state] == 'RUNNING' and j[F.owner] == owner then
        holdUntil(j, lease)
        save(j)
        if j[F.cancelRequestedAt] then cancelRequested[#cancelRequested + 1] = id end
    end
end
flush()
return cancelRequested
