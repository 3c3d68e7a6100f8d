-- Jobs IM/Server's monitor follows (dk.sdu.im.db.TrackedJobs): one row per UCloud job this provider submitted,
-- kept after the job ended so that its usage keeps counting towards its owner's absolute total.
-- last_state is the last state UCloud accepted for the job (NULL before the first); ended is 1 once a final state
-- was delivered or UCloud said it no longer knows the job, and such rows are never polled again.
-- project is '' for a job in the user's personal workspace. Portable SQL only (SQLite and PostgreSQL).
-- Times are epoch milliseconds.
CREATE TABLE tracked_jobs (
    ucloud_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider_id  VARCHAR(128) NOT NULL,
    ucloud_user  VARCHAR(255) NOT NULL,
    local_user   VARCHAR(64)  NOT NULL,
    project      VARCHAR(255) NOT NULL,
    category     VARCHAR(64)  NOT NULL,
    last_state   VARCHAR(16),
    ended        INTEGER      NOT NULL DEFAULT 0 CHECK (ended IN (0, 1)),
    cpu_seconds  BIGINT       NOT NULL DEFAULT 0,
    gpu_seconds  BIGINT       NOT NULL DEFAULT 0,
    submitted_at BIGINT       NOT NULL
);
CREATE INDEX tracked_jobs_active ON tracked_jobs (ended);
