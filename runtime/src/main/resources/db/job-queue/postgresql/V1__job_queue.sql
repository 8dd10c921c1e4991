-- Quarkus Job Queue: the job table for PostgreSQL.
-- Flyway: add classpath:db/job-queue/postgresql to quarkus.flyway.locations.

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
    payload          text,
    last_error       text,
    attempts         text,
    -- The version of the payload's shape, from @JobHandler(version): older payloads are upcast before they run.
    payload_version  integer       NOT NULL DEFAULT 1,
    unique_key       varchar(255),
    -- The unique key while the job is active, else NULL; the database maintains it, so that every change of state
    -- frees or takes the key. A unique index allows many NULLs.
    active_unique_key varchar(255) GENERATED ALWAYS AS
        (CASE WHEN state IN ('SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING') THEN unique_key END) STORED,
    -- Timeouts, cancellation of running jobs, progress and results (docs/timeouts-and-cancellation.md,
    -- docs/progress-and-results.md).
    timeout_ms          bigint,
    cancel_requested_at timestamp(6) with time zone,
    progress            text,
    result              text,
    -- What the engine carries with the job to its attempts, e.g. the trace context (docs/observability.md).
    headers             text,
    CONSTRAINT job_queue_job_state_check CHECK (state IN
        ('SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED')),
    -- A lease is held exactly while a job runs: workers guard their writes with the owner alone.
    CONSTRAINT job_queue_job_lease_check CHECK ((state = 'RUNNING') = (lease_owner IS NOT NULL))
);

-- Claiming reads only runnable rows, in dispatch order: a partial index keeps it small and fast.
CREATE INDEX job_queue_job_runnable ON job_queue_job (queue_name, priority DESC, run_at)
    WHERE state IN ('SCHEDULED', 'PENDING', 'RETRYING');

-- Recovery of jobs whose worker died looks for expired leases of running jobs.
CREATE INDEX job_queue_job_lease ON job_queue_job (lease_expires_at) WHERE state = 'RUNNING';

-- Pruning of succeeded jobs walks the primary key: ids are time-ordered, so the oldest jobs come first.

-- Browsing dead letters, newest first. Other states are browsed by scanning: an index over every state would be
-- rewritten on each claim and completion, the hot path.
CREATE INDEX job_queue_job_dead ON job_queue_job (created_at DESC) WHERE state = 'DEAD';

-- Unique jobs: at most one active job per unique key. Finished jobs keep their key (to be found by it) outside the
-- index. Partial, so that the claims and completions of jobs without a key write nothing to it. Enqueueing names
-- its column and predicate in ON CONFLICT.
CREATE UNIQUE INDEX job_queue_job_unique_key ON job_queue_job (active_unique_key)
    WHERE active_unique_key IS NOT NULL;

-- Finding the job of a unique key in any state (recurring jobs' missed ticks): only jobs that have a key.
CREATE INDEX job_queue_job_keyed ON job_queue_job (unique_key) WHERE unique_key IS NOT NULL;

-- Job types with a concurrency or rate limit: a claim of such a type locks its row, so that claims of it are
-- serialised across instances, and keeps the type's rate window here. Unlimited types never touch this table.
CREATE TABLE job_queue_limit (
    job_type         varchar(255)  NOT NULL PRIMARY KEY,
    window_start     timestamp(6) with time zone,
    window_starts    integer       NOT NULL
);
