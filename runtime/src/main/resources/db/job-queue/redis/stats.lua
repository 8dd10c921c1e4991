-- ARGV: prefix, now, queue... Returns, per queue, the count of each stored state and of due SCHEDULED jobs:
-- a flat list of state, count pairs (SCHEDULED_DUE for the due ones).
local now = ARGV[2]
local states = { 'SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED' }
local out = {}
for i = 3, #ARGV do
    local queue = ARGV[i]
    for _, state in ipairs(states) do
        out[#out + 1] = state
        out[#out + 1] = redis.call('ZCARD', stkey(queue, state))
    end
    out[#out + 1] = 'SCHEDULED_DUE'
    out[#out + 1] = redis.call('ZCOUNT', schedkey(queue), '-inf', now)
end
return out
