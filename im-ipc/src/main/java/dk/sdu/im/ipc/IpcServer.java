package dk.sdu.im.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * IM/Server's end of the IPC socket. Runs as the service user; never as root.
 *
 * <p>{@link #start} binds a unix socket, mode 0666 so that every local user may connect (authorization is by
 * peer credentials and the {@link Permissions} table, never by who could open the file), and serves each
 * connection on its own thread (a daemon platform thread; see {@code UnixIpcServer} for why not a virtual one):
 * <ol>
 *   <li>read the peer's pid, uid and gid from the kernel into a {@link Peer}; a peer whose credentials
 *       cannot be read is closed;</li>
 *   <li>read the first frame, which must be the {@code Hello} of one direction, within
 *       {@link Settings#handshakeTimeout}; a wrong protocol name closes the connection, a wrong version gets
 *       a {@code Refused} and is closed;</li>
 *   <li>classify the peer once with the {@link PeerClassifier}, check the table allows its {@code Hello}, and
 *       answer {@code Welcome};</li>
 *   <li>then, for each frame: decode, check the table, call the handler, send its reply.</li>
 * </ol>
 * Any protocol violation is logged (java.util.logging, logger {@code dk.sdu.im.ipc}) with the peer and closes
 * that connection only; a message the table does not allow is answered with a {@code Refused} first, so an
 * honest but unauthorized client can tell its user why. At most {@link Settings#maxConnections} connections
 * are served at once, {@link Settings#reservedConnections} of them only for instances and administrators, and at
 * most {@link Settings#connectionsPerUid} per uid for everyone else; more are closed at accept, classified by
 * the kernel's credentials before anything is read. Connections of {@link PeerKind#LOCAL_USER} peers are also
 * closed after being idle for {@link Settings#handshakeTimeout}, so they cannot hold slots. A flood of one kind of
 * refusal is logged as one line per 10 s with a count. Each refusal logged also goes to the audit trail
 * ({@code ipc.peer_refused}, see {@code IpcAudit}).
 */
public interface IpcServer extends AutoCloseable {

    /**
     * Binds {@code socketPath} and starts serving. Creates the parent directory (mode 0755) if missing, and
     * replaces an existing socket file nobody listens on; refuses to replace anything that is not a socket
     * or a socket another server still answers on.
     *
     * @throws IOException if the socket cannot be bound
     */
    static IpcServer start(Path socketPath, Settings settings) throws IOException {
        return UnixIpcServer.start(socketPath, settings);
    }

    /** The absolute path of the socket file. */
    Path socketPath();

    /**
     * Stops accepting, closes every open connection (instance handlers get {@code onClose}) and removes the
     * socket file. Idempotent.
     */
    @Override
    void close();

    /**
     * What the server needs from IM/Server; validated here, immutable afterwards.
     *
     * @param classifier       decides what each connected peer is, once per connection
     * @param permissions      the one table of who may send what
     * @param instances        business logic for instance connections
     * @param admins           business logic for admin connections
     * @param maxConnections   connections served at once; more are closed at accept (2..65536, default 256)
     * @param handshakeTimeout how long a new connection may take to complete its {@code Hello}, and how long
     *                         a {@link PeerKind#LOCAL_USER} connection may stay idle (100 ms..5 min,
     *                         default 2 s: an instance sends its Hello as it connects)
     * @param reservedConnections how many of {@code maxConnections} only instances and administrators may hold
     *                         (1..maxConnections-1, default 32)
     * @param connectionsPerUid how many connections one uid may hold as a {@link PeerKind#LOCAL_USER} (1.., default 4)
     */
    record Settings(PeerClassifier classifier, Permissions permissions, InstanceHandler instances,
                    AdminHandler admins, int maxConnections, Duration handshakeTimeout, int reservedConnections,
                    int connectionsPerUid) {
        public static final int DEFAULT_MAX_CONNECTIONS = 256;
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
        public static final int DEFAULT_RESERVED_CONNECTIONS = 32;
        public static final int DEFAULT_CONNECTIONS_PER_UID = 4;

        public Settings {
            Objects.requireNonNull(classifier, "classifier");
            Objects.requireNonNull(permissions, "permissions");
            Objects.requireNonNull(instances, "instances");
            Objects.requireNonNull(admins, "admins");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            if (maxConnections < 2 || maxConnections > 65_536) {
                throw new IllegalArgumentException("maxConnections must be 2..65536, got " + maxConnections);
            }
            if (reservedConnections < 1 || reservedConnections >= maxConnections || connectionsPerUid < 1) {
                throw new IllegalArgumentException("reservedConnections must be 1.." + (maxConnections - 1)
                        + " and connectionsPerUid at least 1, got " + reservedConnections + " and " + connectionsPerUid);
            }
            if (handshakeTimeout.compareTo(Duration.ofMillis(100)) < 0
                    || handshakeTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("handshakeTimeout must be 100 ms..5 min, got "
                        + handshakeTimeout);
            }
        }

        /** Settings with the default limits and handshake timeout. */
        public Settings(PeerClassifier classifier, Permissions permissions, InstanceHandler instances,
                        AdminHandler admins) {
            this(classifier, permissions, instances, admins, DEFAULT_MAX_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT);
        }

        /** Settings with this many connections ({@code reservedConnections} scaled down for small limits). */
        public Settings(PeerClassifier classifier, Permissions permissions, InstanceHandler instances,
                        AdminHandler admins, int maxConnections, Duration handshakeTimeout) {
            this(classifier, permissions, instances, admins, maxConnections, handshakeTimeout,
                    Math.max(1, Math.min(DEFAULT_RESERVED_CONNECTIONS, maxConnections / 8)), DEFAULT_CONNECTIONS_PER_UID);
        }
    }
}
