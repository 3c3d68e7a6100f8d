package dk.sdu.im.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** IM/Server's system calls on a real PostgreSQL server (one per class, a fresh database per test). */
class SystemCallsOnPostgresqlTest extends SystemCallsContract {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    String databaseYaml() {
        String name = "im_test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return """
                type: postgresql
                url: jdbc:postgresql://localhost:%d/%s
                user: postgres
                poolSize: 2
                """.formatted(postgres.getPort(), name);
    }
}
