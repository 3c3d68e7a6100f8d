-- Whether a user call whose token carried the ucloudUser claim has been seen (dk.sdu.im.db.ClaimSightings), for
-- core.userContext: auto. At most one row, the first sighting; the module never deletes it. An administrator who
-- wants claimless user calls served again deletes the row (or sets core.userContext: header).
-- Portable SQL only: this file runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds.
CREATE TABLE user_context_claim (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    first_seen_at BIGINT  NOT NULL
);
