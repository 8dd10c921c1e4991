-- ARGV: prefix, queue, now, type... Returns the earliest run time (millis) among the queue's due runnable jobs of
-- those types, or nil when there is none. A due job waits either in P:wait (no claim moved it yet), whose first
-- member is its earliest, or in P:due, ordered by priority first: there the first member of each priority is that
-- priority's earliest, so the script visits one member per priority.
local queue, now = ARGV[2], tonumber(ARGV[3])
local oldest = nil
local function consider(runAt)
    if runAt <= now and (not oldest or runAt < oldest) then oldest = runAt end
end
for i = 4, #ARGV do
    local jobType = ARGV[i]
    local waiting = redis.call('ZRANGE', typed('wait', queue, jobType), 0, 0, 'WITHSCORES')
    if waiting[2] then consider(tonumber(waiting[2])) end
    local due = typed('due', queue, jobType)
    local head = redis.call('ZRANGE', due, 0, 0, 'WITHSCORES')
    while head[1] do
        consider(duerunat(head[1]))
        head = redis.call('ZRANGEBYSCORE', due, '(' .. head[2], '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    end
end
return oldest
