package dk.sdu.im.server.check;

import dk.sdu.im.config.DatabaseConfig;
import dk.sdu.im.server.identity.LocalAccount;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database settings, without opening the database (which would create or migrate it): SQLite's file and
 * directory must belong to the service user, who creates and writes them; a PostgreSQL server must accept a TCP
 * connection at the configured address.
 */
final class DatabaseCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private static final int POSTGRESQL_PORT = 5432;

    private DatabaseCheck() {
    }

    /** @param service the service account; empty when unknown, and ownership is then not checked */
    static void check(DatabaseConfig database, Optional<LocalAccount> service, Findings findings) {
        switch (database.kind()) {
            case SQLITE -> sqlite(database.sqliteFile(), service, findings);
            case POSTGRESQL -> postgresql(database.jdbcUrl(), findings);
        }
    }

    private static void sqlite(Path file, Optional<LocalAccount> service, Findings findings) {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            findings.note("database: the directory of the SQLite file " + file + " does not exist yet; IM/Server's"
                    + " systemd unit creates it (StateDirectory=ucloud-im), otherwise create it owned by the service user");
            return;
        }
        if (service.isEmpty()) {
            return;
        }
        ownedBy(dir, service.get(), "the directory of the SQLite database, where IM/Server creates it", findings);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            ownedBy(file, service.get(), "the SQLite database IM/Server writes", findings);
        }
    }

    private static void ownedBy(Path path, LocalAccount service, String what, Findings findings) {
        try {
            int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (uid != service.uid()) {
                findings.problem("database: " + path + " (" + what + ") is owned by uid " + uid + ", not by the service"
                        + " user " + service.name() + " (uid " + service.uid() + "); run: chown " + service.name() + " " + path);
            }
        } catch (IOException | UnsupportedOperationException e) {
            findings.problem("database: cannot see who owns " + path + " (" + what + "): " + e.getMessage());
        }
    }

    private static void postgresql(String jdbcUrl, Findings findings) {
        InetSocketAddress address;
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            address = InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? POSTGRESQL_PORT : uri.getPort());
        } catch (IllegalArgumentException e) {
            findings.note("database.url: the server's address cannot be read from the URL (several hosts?), so whether"
                    + " PostgreSQL answers was not checked");
            return;
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            findings.problem("database.url: PostgreSQL does not answer at " + address.getHostString() + ":" + address.getPort()
                    + " (" + e.getMessage() + "); start it there, or correct database.url in config.yml");
        }
    }
}
