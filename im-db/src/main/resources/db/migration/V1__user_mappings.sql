-- Which local account each UCloud user runs as (dk.sdu.im.db.UserMappings).
-- The security rule: the mapping of a UCloud user to a uid never changes silently. The primary key gives a
-- UCloud user at most one local account, UNIQUE(uid) gives a uid at most one UCloud user; the repository
-- relies on these constraints, not on checks in Java, so concurrent writers cannot create a conflicting pair.
-- Portable SQL only: this file runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds.
-- NOT NULL on the key because SQLite, unlike PostgreSQL, would otherwise accept a NULL primary key.
CREATE TABLE user_mappings (
    ucloud_username VARCHAR(255) NOT NULL PRIMARY KEY,
    local_username  VARCHAR(32)  NOT NULL,
    uid             INTEGER      NOT NULL UNIQUE,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NULL
);
