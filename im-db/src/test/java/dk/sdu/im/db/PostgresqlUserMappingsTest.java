package dk.sdu.im.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link UserMappingsContract} on PostgreSQL: one embedded server (zonky, PostgreSQL 14) for the class, a
 * new database per test. As root, zonky runs initdb and postgres inside {@code unshare -U} (a user namespace),
 * because PostgreSQL refuses to run as uid 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlUserMappingsTest extends UserMappingsContract {
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres postgres;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    DatabaseSettings emptyDatabase() throws SQLException {
        String name = "im_test_" + databases.incrementAndGet();
        Sql.execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
        return DatabaseSettings.postgresql("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name,
                "postgres", Optional.empty(), 8);
    }
}
