package dk.sdu.im.db;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TrackedJobsContract} on PostgreSQL: one embedded server for the class, a new database per test. */
class PostgresqlTrackedJobsTest extends TrackedJobsContract {
    @RegisterExtension
    static final EmbeddedPostgresql POSTGRES = new EmbeddedPostgresql("im_jobs_");

    @Override
    DatabaseSettings emptyDatabase() throws SQLException {
        return POSTGRES.newDatabase();
    }
}
