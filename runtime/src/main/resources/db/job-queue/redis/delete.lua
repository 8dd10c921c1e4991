-- ARGV: prefix, id. Deletes a job that is not RUNNING; returns 1 when deleted.
local j = job(ARGV[2])
if not j or j[F.state] == 'RUNNING' then return 0 end
leave(j)
forget(j)
flush()
return 1
