-- ARGV: prefix, id... Returns each job's fields (all nil for a missing job).
local jobs = {}
for i = 2, #ARGV do jobs[#jobs + 1] = read(ARGV[i]) end
return jobs
