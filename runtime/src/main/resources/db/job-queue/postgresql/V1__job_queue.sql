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

-- Job types with a concurrency or rate limit: a claim of such a type locks its row, so that claims of it are
-- serialised across instances, and keeps the type's rate window here. Unlimited types never touch this table.
CREATE TABLE job_queue_limit (
    job_type         varchar(255)  NOT NULL PRIMARY KEY,
    window_start     timestamp(6) with time zone,
    window_starts    integer       NOT NULL
);
