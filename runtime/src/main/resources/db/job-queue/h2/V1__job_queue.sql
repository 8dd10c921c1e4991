-- Quarkus Job Queue: the job table for H2 (2.2 or later, for FOR UPDATE SKIP LOCKED).
-- Flyway: add classpath:db/job-queue/h2 to quarkus.flyway.locations.
-- H2 has no LISTEN/NOTIFY: workers find new jobs by polling.

CREATE TABLE job_queue_job (
    id               uuid          NOT NULL PRIMARY KEY,
    job_type         varchar(255)  NOT NULL,
    queue_name       varchar(255)  NOT NULL,
    state            varchar(16)   NOT NULL,
    priority         integer       NOT NULL,
    attempt          integer       NOT NULL,
    max_attempts     integer       NOT NULL,
    run_at           timestamp(6) with time zone NOT NULL,
    created_at       timestamp(6) with time zone NOT NULL,
    started_at       timestamp(6) with time zone,
    finished_at      timestamp(6) with time zone,
    lease_owner      varchar(255),
    lease_expires_at timestamp(6) with time zone,
    payload          character large object,
    last_error       character large object,
    attempts         character large object,
    -- The version of the payload's shape, from @JobHandler(version): older payloads are upcast before they run.
    payload_version  integer       NOT NULL DEFAULT 1,
    unique_key       varchar(255),
    -- The unique key while the job is active, else NULL; the database maintains it, so that every change of state
    -- frees or takes the key. There are no partial indexes here, and a unique index allows many NULLs.
    active_unique_key varchar(255) GENERATED ALWAYS AS
        (CASE WHEN state IN ('SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING') THEN unique_key END),
    -- Timeouts, cancellation of running jobs, progress and results (docs/timeouts-and-cancellation.md,
    -- docs/progress-and-results.md).
    timeout_ms          bigint,
    cancel_requested_at timestamp(6) with time zone,
    progress            character large object,
    result              character large object,
    -- What the engine carries with the job to its attempts, e.g. the trace context (docs/observability.md).
    headers             character large object,
    CONSTRAINT job_queue_job_state_check CHECK (state IN
        ('SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED')),
    -- A lease is held exactly while a job runs: workers guard their writes with the owner alone.
    CONSTRAINT job_queue_job_lease_check CHECK ((state = 'RUNNING') = (lease_owner IS NOT NULL))
);

-- Claiming reads runnable rows of a queue in dispatch order. There are no partial indexes here, so the state is a
-- key column instead.
CREATE INDEX job_queue_job_runnable ON job_queue_job (queue_name, state, priority DESC, run_at);

-- Recovery of jobs whose worker died looks for expired leases of running jobs.
CREATE INDEX job_queue_job_lease ON job_queue_job (state, lease_expires_at);

-- Browsing jobs, newest first. created_at never changes, so claims and completions do not rewrite this index.
-- Workers' guarded writes find their rows by primary key; pruning of succeeded jobs walks it (ids are time-ordered).
CREATE INDEX job_queue_job_created ON job_queue_job (created_at);

-- Unique jobs: at most one active job per unique key. Finished jobs keep their key (to be found by it) outside the
-- index. Enqueueing recognises a conflict by this index's name.
CREATE UNIQUE INDEX job_queue_job_unique_key ON job_queue_job (active_unique_key);

-- Finding the job of a unique key in any state (recurring jobs' missed ticks). The key never changes once written,
-- so claims and completions do not rewrite this index.
CREATE INDEX job_queue_job_keyed ON job_queue_job (unique_key);

-- Job types with a concurrency or rate limit: a claim of such a type locks its row, so that claims of it are
-- serialised across instances, and keeps the type's rate window here. Unlimited types never touch this table.
CREATE TABLE job_queue_limit (
    job_type         varchar(255)  NOT NULL PRIMARY KEY,
    window_start     timestamp(6) with time zone,
    window_starts    integer       NOT NULL
);
