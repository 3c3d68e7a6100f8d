package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening a PostgreSQL database that is not there. */
class PostgresqlDatabaseTest {
    @Test
    void anUnreachableServerFailsQuicklyWithAClearMessageAndNoPassword() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/im?connectTimeout=2";
        DatabaseSettings settings = DatabaseSettings.postgresql(url, "im", Optional.of("s3cret-pw"), 2);
        long started = System.nanoTime();

        assertThatThrownBy(() -> Database.open(settings, Clock.systemUTC()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("Cannot connect to the PostgreSQL database " + url + " (user im): ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    /** A local port nothing listens on: bound by us a moment ago, then released. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
