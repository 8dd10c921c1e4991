-- ARGV: prefix, id. Deletes a job that is not RUNNING; returns 1 when deleted.
local id = ARGV[2]
local state = redis.call('HGET', jkey(id), 'state')
if not state or state == 'RUNNING' then return 0 end
leave(id)
forget(id)
redis.call('DEL', jkey(id))
flush()
return 1
