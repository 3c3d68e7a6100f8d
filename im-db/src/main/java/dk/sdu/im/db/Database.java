package dk.sdu.im.db;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * IM/Server's database: a connection pool on a migrated schema, and the repositories on top of it. Open one
 * per server process at startup and close it at shutdown; everything it hands out is thread-safe.
 *
 * <p>Trust: the settings come from the operator's server configuration and are trusted; what the repositories
 * store comes from UCloud requests and is validated by them.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final UserMappings userMappings;
    private final ClaimSightings claimSightings;
    private final TrackedJobs trackedJobs;
    private final String settingsDescription;

    private Database(HikariDataSource pool, UserMappings userMappings, ClaimSightings claimSightings,
                     TrackedJobs trackedJobs, String settingsDescription) {
        this.settingsDescription = settingsDescription;
        this.pool = pool;
        this.userMappings = userMappings;
        this.claimSightings = claimSightings;
        this.trackedJobs = trackedJobs;
    }

    /**
     * Opens the database: for SQLite, creates the parent directory (0700) and the file (0600) if missing; then
     * starts the pool (which connects once) and applies any pending migrations, after copying an existing SQLite
     * schema to {@code <file>.v<version>.<time>.backup} ({@link SqliteBackup}).
     *
     * @param clock the source of every timestamp the repositories write
     * @throws DatabaseException if the database cannot be created or reached, or a migration fails; the message
     *                           names the database and the cause, never a password
     */
    public static Database open(DatabaseSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        if (settings.kind() == DatabaseSettings.Kind.SQLITE) {
            SqliteFile.prepare(settings.sqliteFile());
        }
        HikariDataSource pool = ConnectionPool.open(settings);
        try {
            Migrations.apply(pool, settings.describe(), Optional.ofNullable(settings.sqliteFile()), clock);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        Jdbc jdbc = new Jdbc(pool);
        return new Database(pool, new JdbcUserMappings(jdbc, clock), new JdbcClaimSightings(jdbc, clock),
                new JdbcTrackedJobs(jdbc), settings.describe());
    }

    public UserMappings userMappings() {
        return userMappings;
    }

    public ClaimSightings claimSightings() {
        return claimSightings;
    }

    public TrackedJobs trackedJobs() {
        return trackedJobs;
    }

    /** The pool, for repositories added later. Do not close it; close this {@code Database} instead. */
    public DataSource dataSource() {
        return pool;
    }

    /** The pool's connections now: in use, idle, threads waiting for one, and the most it opens (for metrics). */
    public record PoolUse(int active, int idle, int waiting, int max) {
    }

    public PoolUse poolUse() {
        var bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUse(0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUse(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }

    /**
     * Borrows a connection and has the driver check it (a round trip to a PostgreSQL server), for the readiness check.
     * May wait as long as the pool waits for a connection; a caller that needs an answer sooner waits on its own.
     *
     * @throws DatabaseException naming the database and the driver's reason, never a password
     */
    public void check() {
        try (var connection = pool.getConnection()) {
            if (!connection.isValid(5)) {
                throw new DatabaseException("the " + settingsDescription + " does not answer", null);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            throw e instanceof DatabaseException d ? d
                    : new DatabaseException("the " + settingsDescription + " cannot be reached: " + DriverMessage.of(e), e);
        }
    }

    /** Closes the pool; the repositories fail with {@link DatabaseException} afterwards. */
    @Override
    public void close() {
        pool.close();
    }
}
