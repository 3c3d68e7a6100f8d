/**
 * IM/Server's own state: the connection pool, the schema migrations and the repositories on top of them.
 *
 * <p>Runs inside the server process, as the service user, and nowhere else: IM/User never has this package
 * on its class path. The database holds security decisions (which UCloud user is which local uid), so the
 * SQLite file and its directory are created readable by the service user only, and the repositories never
 * overwrite a security decision silently.
 *
 * <p>Entry point: {@link dk.sdu.im.db.Database#open}. One set of Flyway migrations ({@code db/migration}) runs
 * unchanged on SQLite and PostgreSQL, so the SQL there stays portable: plain types, timestamps as BIGINT epoch
 * milliseconds, uniqueness enforced by constraints rather than by checks in Java.
 *
 * <p>May touch: the database named in {@link dk.sdu.im.db.DatabaseSettings} and, for SQLite, the file's parent
 * directory. Nothing else on disk, no network beyond the PostgreSQL server.
 */
package dk.sdu.im.db;
