package dk.sdu.im.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server (zonky) for a test class, registered as a static extension field, handing out a
 * new empty database per call. See {@link PostgresqlUserMappingsTest} for how it runs as root.
 */
final class EmbeddedPostgresql implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;

    /** @param prefix what the names of the databases start with */
    EmbeddedPostgresql(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = EmbeddedPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** Settings for a database created just now, which nothing else uses. */
    DatabaseSettings newDatabase() throws SQLException {
        String name = prefix + databases.incrementAndGet();
        Sql.execute(server.getPostgresDatabase(), "CREATE DATABASE " + name);
        return DatabaseSettings.postgresql("jdbc:postgresql://localhost:" + server.getPort() + "/" + name,
                "postgres", Optional.empty(), 4);
    }
}
