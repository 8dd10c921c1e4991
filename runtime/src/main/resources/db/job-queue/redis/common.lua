-- Shared by every script of the Redis job store (prepended to each one when it is loaded). ARGV[1] is the key
-- prefix, a Redis Cluster hash tag ({...}) so that every key of the store lives in one slot. Keys:
--   P:job:<id>                            string: the job, its FIELDS packed with cmsgpack one after the other
--   P:wait:<len(queue)>:<queue>:<type>    runnable jobs not yet due, by run time
--   P:due:<len(queue)>:<queue>:<type>     runnable jobs that are due, by -priority, then member <runAt>:<id>
--   P:sched:<queue>                       stored SCHEDULED jobs by run time (to count the due ones as PENDING)
--   P:succeeded                           SUCCEEDED jobs by finish time
--   P:state:<queue>:<STATE>               every job by creation time; RUNNING ones by lease expiry instead
--   P:queues                              queue names
--   P:unique:<unique key>                 the id of the active job holding the key
--   P:keyed:<unique key>                  the id of the newest job with the key, in any state
--   P:running-by-type                     hash: RUNNING jobs per type, which concurrency limits read
--   P:window-start, P:window-starts       hashes: per rate-limited type, when its rate window opened and how many
--                                         jobs started in it
-- A job is in exactly the indexes of its stored state: leave() before a state change, enter() after it. An index
-- member whose job is gone (deleted or evicted by something else than these scripts) is dropped where it is met. A
-- runnable job waits in P:wait until a claim finds it due and moves it to P:due, whose order is the claim order, so
-- a claim reads only as many jobs as it takes.
-- A job is one string rather than a hash so that a script reads all the jobs it touches with one MGET and writes
-- them with one MSET, and so that claim returns each job as one reply element, as stored, which Java decodes
-- (PackedJob) with less work than fifteen elements. Its fields are packed one after the other, not as an array, and
-- the ones a claim or a success changes or needs come first: those two, most of the work, decode only that head
-- (cmsgpack.unpack_limit) and copy the rest as it is.
local P = ARGV[1]
local SUCCEEDED_KEY = P .. ':succeeded'
local RUNNING_BY_TYPE_KEY = P .. ':running-by-type'
-- A job's fields in the order they are packed (the Java PackedJob reads them by position). The first is the layout
-- (LAYOUT), so that a key written by an earlier layout is told apart. An absent field is false.
local FIELDS = { 'layout', 'state', 'owner', 'lease', 'attempt', 'startedAt', 'finishedAt', 'queue', 'type',
    'uniqueKey', 'createdAt', 'id', 'priority', 'maxAttempts', 'runAt', 'lastError', 'attempts', 'payload',
    'timeout', 'cancelRequestedAt', 'progress', 'result', 'payloadVersion', 'headers' }
local LAYOUT = 2
-- How many fields the head holds: layout to createdAt.
local HEAD = 11
-- The position of each field: job[F.state].
local F = {}
for i, name in ipairs(FIELDS) do F[name] = i end
local RUNNABLE = { SCHEDULED = true, PENDING = true, RETRYING = true }
-- States that hold the job's unique key.
local ACTIVE = { SCHEDULED = true, PENDING = true, RETRYING = true, RUNNING = true }
-- Run times in P:due members are zero-padded to this width, so that equal priorities sort by run time, then id.
local RUN_AT_WIDTH = 15

local function jkey(id) return P .. ':job:' .. id end
local function typed(kind, queue, jobType) return P .. ':' .. kind .. ':' .. string.len(queue) .. ':' .. queue .. ':' .. jobType end
local function stkey(queue, state) return P .. ':state:' .. queue .. ':' .. state end
local function schedkey(queue) return P .. ':sched:' .. queue end
local function uniquekey(key) return P .. ':unique:' .. key end
local function keyedkey(key) return P .. ':keyed:' .. key end
local function duemember(runAt, id) return string.rep('0', RUN_AT_WIDTH - string.len(runAt)) .. runAt .. ':' .. id end
local function dueid(member) return string.sub(member, RUN_AT_WIDTH + 2) end
local function duerunat(member) return tonumber(string.sub(member, 1, RUN_AT_WIDTH)) end

-- Jobs and index writes are collected and made at the end of the script by flush(), as one command per index and
-- one MSET for the jobs rather than one per job: removals first, then additions, so a job that leaves and enters the
-- same index stays in it. A script reads each job once (load), changes that copy, and no script reads an index after
-- leave() or enter() (claim promotes and reads P:due before its jobs leave it).
local MAX_ARGS = 1000
-- The jobs read so far by id, packed (false: none) and decoded, those changed (packed, by id) and those deleted
-- (their keys).
local packedJobs, jobs, changed, deleted = {}, {}, {}, {}
local removals, additions, runningDelta = {}, {}, {}
local function zrem(key, member)
    local members = removals[key]
    if not members then members = {}; removals[key] = members end
    members[#members + 1] = member
end
local function zadd(key, score, member)
    local args = additions[key]
    if not args then args = {}; additions[key] = args end
    args[#args + 1] = score
    args[#args + 1] = member
end
local function countRunning(jobType, delta) runningDelta[jobType] = (runningDelta[jobType] or 0) + delta end

local function each(command, key, args)
    for i = 1, #args, MAX_ARGS do
        if key then
            redis.call(command, key, unpack(args, i, math.min(i + MAX_ARGS - 1, #args)))
        else
            redis.call(command, unpack(args, i, math.min(i + MAX_ARGS - 1, #args)))
        end
    end
end

-- Reads the packed jobs with these ids that were not read yet, with one MGET per MAX_ARGS of them.
local function fetch(ids)
    local missing, keys = {}, {}
    for _, id in ipairs(ids) do
        if packedJobs[id] == nil then
            packedJobs[id] = false
            missing[#missing + 1] = id
            keys[#keys + 1] = jkey(id)
        end
    end
    for i = 1, #keys, MAX_ARGS do
        local values = redis.call('MGET', unpack(keys, i, math.min(i + MAX_ARGS - 1, #keys)))
        for j = 1, #values do
            if values[j] then packedJobs[missing[i + j - 1]] = values[j] end
        end
    end
end

-- Fails the script on a job key that this store did not write in this layout, rather than drop or misread the job.
local function foreign(id, what)
    error({ err = 'Key ' .. jkey(id) .. ' ' .. what .. ': an earlier snapshot of the extension or something else '
        .. 'wrote it. Delete the keys under ' .. P .. ' or set another quarkus.job-queue.redis.key-prefix' })
end

local function wrongLayout(id) foreign(id, 'holds a job of another layout than this store\'s') end

local function checkedHead(id, offset, layout, ...)
    if layout ~= LAYOUT then wrongLayout(id) end
    return offset, ...
end

-- The head of a fetched job: the offset where its other fields start, then its fields after the layout up to HEAD
-- (state to createdAt, see FIELDS); nothing when it is gone.
local function head(id)
    local packed = packedJobs[id]
    if packed then return checkedHead(id, cmsgpack.unpack_limit(packed, HEAD)) end
end

-- Reads the jobs with these ids that were not read yet; each is then jobs[id], all its fields, or false.
local function load(ids)
    fetch(ids)
    for _, id in ipairs(ids) do
        if jobs[id] == nil then
            local packed = packedJobs[id]
            if packed then
                local j = { cmsgpack.unpack(packed) }
                if j[F.layout] ~= LAYOUT then wrongLayout(id) end
                jobs[id] = j
            else
                jobs[id] = false
            end
        end
    end
end

-- Makes sure the key of a job an index names is gone before the entry is dropped. A key of another type is not a job
-- of this layout (a hash of a snapshot before it, or something else's): the script fails rather than drop the job.
local function assertGone(id)
    local keyType = redis.call('TYPE', jkey(id))['ok']
    if keyType ~= 'none' then
        foreign(id, 'is a ' .. keyType .. ', not a job of this store\'s layout (one string per job)')
    end
end

-- The job with this id, or false.
local function job(id)
    load({ id })
    return jobs[id]
end

-- A new job: every field false until set.
local function blank()
    local j = { LAYOUT }
    for i = 2, #FIELDS do j[i] = false end
    return j
end

-- Stores the job as it now is (at flush); returns it packed, as claim and take-expired return it.
local function save(j)
    local packed = cmsgpack.pack(unpack(j, 1, #FIELDS))
    local id = j[F.id]
    packedJobs[id], jobs[id], changed[id] = packed, j, packed
    return packed
end

-- Stores a job whose head changed: the new head (its fields after the layout up to HEAD) before the rest of its
-- packed form as head() read it, from offset on; returns it packed.
local function saveHead(id, offset, ...)
    local restamped = cmsgpack.pack(LAYOUT, ...) .. string.sub(packedJobs[id], offset + 1)
    packedJobs[id], jobs[id], changed[id] = restamped, nil, restamped
    return restamped
end

local function delete(id)
    packedJobs[id], jobs[id], changed[id] = false, false, nil
    deleted[#deleted + 1] = jkey(id)
end

local function flush()
    local values = {}
    for id, packed in pairs(changed) do
        values[#values + 1] = jkey(id)
        values[#values + 1] = packed
    end
    each('MSET', false, values)
    each('DEL', false, deleted)
    for key, members in pairs(removals) do each('ZREM', key, members) end
    for key, args in pairs(additions) do each('ZADD', key, args) end
    for jobType, delta in pairs(runningDelta) do
        if delta ~= 0 then redis.call('HINCRBY', RUNNING_BY_TYPE_KEY, jobType, delta) end
    end
    changed, deleted, removals, additions, runningDelta = {}, {}, {}, {}, {}
end

-- Takes the job out of the indexes of its stored state (and its unique key, when that state holds it).
local function leave(j)
    local id, state, queue, jobType, key = j[F.id], j[F.state], j[F.queue], j[F.type], j[F.uniqueKey]
    if ACTIVE[state] and key and redis.call('GET', uniquekey(key)) == id then redis.call('DEL', uniquekey(key)) end
    zrem(stkey(queue, state), id)
    if RUNNABLE[state] then
        zrem(typed('wait', queue, jobType), id)
        zrem(typed('due', queue, jobType), duemember(j[F.runAt], id))
    end
    if state == 'SCHEDULED' then zrem(schedkey(queue), id) end
    if state == 'RUNNING' then countRunning(jobType, -1) end
    if state == 'SUCCEEDED' then zrem(SUCCEEDED_KEY, id) end
end

-- Puts the job in the indexes of its (new) state. A runnable job due at now goes straight to P:due; now may be
-- math.huge for a job known to be due.
local function enter(j, now)
    local id, state, queue, jobType, key = j[F.id], j[F.state], j[F.queue], j[F.type], j[F.uniqueKey]
    if ACTIVE[state] and key then redis.call('SET', uniquekey(key), id) end
    -- A RUNNING job is found by the expiry of its lease (take-expired), a count and a list need no more.
    zadd(stkey(queue, state), state == 'RUNNING' and j[F.lease] or j[F.createdAt], id)
    local runAt = j[F.runAt]
    if RUNNABLE[state] then
        if tonumber(runAt) <= tonumber(now) then
            zadd(typed('due', queue, jobType), -tonumber(j[F.priority]), duemember(runAt, id))
        else
            zadd(typed('wait', queue, jobType), runAt, id)
        end
    end
    if state == 'SCHEDULED' then zadd(schedkey(queue), runAt, id) end
    if state == 'RUNNING' then countRunning(jobType, 1) end
    if state == 'SUCCEEDED' then zadd(SUCCEEDED_KEY, j[F.finishedAt], id) end
end

-- A RUNNING job's lease now lasts until lease: in the job and in the RUNNING index, which is ordered by it.
local function holdUntil(j, lease)
    j[F.lease] = lease
    zadd(stkey(j[F.queue], 'RUNNING'), lease, j[F.id])
end

-- Deletes a job (after leave): its unique key no longer finds it either.
local function forget(j)
    local id, key = j[F.id], j[F.uniqueKey]
    if key and redis.call('GET', keyedkey(key)) == id then redis.call('DEL', keyedkey(key)) end
    delete(id)
end
