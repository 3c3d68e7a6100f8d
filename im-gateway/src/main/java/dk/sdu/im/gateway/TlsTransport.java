package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS toward clients with the current {@link ServerCertificate}, which a virtual thread replaces when its files are
 * renewed. Each connection takes the certificate current at its handshake and keeps its own TLS state, so a renewal
 * reaches new connections only and never drops an open one or a WebSocket tunnel.
 *
 * <p>Renewals: every {@link TlsFiles#recheck} the thread stamps both files ({@link FileStamp}); once they differ
 * from what was last loaded and have stayed the same for one more look (so a renewal written file by file, or a file
 * caught mid-write, is not read half-done), it loads them again. Files that do not pass ({@link ServerCertificate#load}:
 * the key does not match, the certificate expired, the key file became readable by others) are logged as a warning
 * and the current certificate stays, until the files change again. The thread also warns once when the certificate
 * served has 14 days left, and logs an error once when it has expired.
 *
 * <p>Handshakes run on the connection's thread, bounded by {@link #HANDSHAKE_TIMEOUT} in total (a client that
 * trickles its handshake is cut off too). A TLS 1.2 connection accepts no renegotiation that would create a new
 * session: otherwise any client could make the server do full handshakes on one connection for free (testssl rates
 * that HIGH); TLS 1.3 has no renegotiation.
 */
final class TlsTransport implements ClientTransport {
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final TlsFiles files;
    private final Clock clock;
    private volatile ServerCertificate current;
    private final Thread watch;
    // Only the watch thread uses these after construction.
    private ServerCertificate.Stamps lastSeen;
    private ServerCertificate.Stamps lastLoaded;
    private boolean missingReported;
    private ServerCertificate expiringReported;
    private ServerCertificate expiredReported;

    private TlsTransport(TlsFiles files, Clock clock, ServerCertificate first) {
        this.files = files;
        this.clock = clock;
        this.current = first;
        this.lastSeen = first.stamps();
        this.lastLoaded = first.stamps();
        reportExpiry();
        this.watch = Thread.ofVirtual().name("gateway-certificate-watch").start(this::watch);
    }

    /**
     * Loads and checks the files, then starts watching them.
     *
     * @throws CertificateRefused if they cannot be served; nothing was started then
     */
    static TlsTransport start(TlsFiles files, Clock clock) throws CertificateRefused {
        ServerCertificate first = ServerCertificate.load(files, clock.instant());
        LOG.log(System.Logger.Level.INFO, "the gateway serves HTTPS with the certificate for {0}", first.describe());
        return new TlsTransport(files, clock, first);
    }

    @Override
    public Endpoint open(Socket accepted, Duration idle) throws IOException {
        SSLSocket tls = current.layer(accepted);
        accepted.setSoTimeout(Math.toIntExact(HANDSHAKE_TIMEOUT.toMillis()));
        try (IdleWatch deadline = IdleWatch.start(HANDSHAKE_TIMEOUT, () -> closeQuietly(accepted))) {
            tls.startHandshake();
        }
        if ("TLSv1.2".equals(tls.getSession().getProtocol())) {
            tls.setEnableSessionCreation(false); // a renegotiation may resume this session, never start a new one
        }
        return Endpoint.overTls(tls, accepted, idle);
    }

    @Override
    public boolean secure() {
        return true;
    }

    /** The certificate new connections get. */
    ServerCertificate current() {
        return current;
    }

    @Override
    public void close() {
        watch.interrupt();
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(files.recheck());
            } catch (InterruptedException e) {
                return;
            }
            look();
            reportExpiry();
        }
    }

    /** One look at the files: reloads them once they changed and then stayed the same for one look. */
    private void look() {
        ServerCertificate.Stamps now;
        try {
            now = ServerCertificate.Stamps.of(files);
            missingReported = false;
        } catch (IOException e) {
            if (!missingReported) {
                LOG.log(System.Logger.Level.WARNING, "cannot find the certificate files ({0}); the gateway keeps"
                        + " serving {1}", e.toString(), current.describe());
                missingReported = true;
            }
            lastSeen = null;
            return;
        }
        boolean settled = now.equals(lastSeen);
        lastSeen = now;
        if (settled && !now.equals(lastLoaded)) {
            lastLoaded = now;
            reload();
        }
    }

    private void reload() {
        try {
            ServerCertificate renewed = ServerCertificate.load(files, clock.instant());
            current = renewed;
            LOG.log(System.Logger.Level.INFO, "the gateway serves the certificate for {0} to new connections",
                    renewed.describe());
        } catch (CertificateRefused e) {
            LOG.log(System.Logger.Level.WARNING, "the changed certificate files are refused, so the gateway keeps"
                    + " serving {0} (it tries again when they change): {1}", current.describe(), e.getMessage());
        }
    }

    private void reportExpiry() {
        ServerCertificate serving = current;
        Duration left = Duration.between(clock.instant(), serving.notAfter());
        if (left.isNegative()) {
            if (expiredReported != serving) {
                expiredReported = serving;
                LOG.log(System.Logger.Level.ERROR, "the gateway''s certificate for {0} has expired: clients refuse it."
                        + " Renew it; the gateway serves the renewed files without a restart", serving.describe());
            }
        } else if (left.compareTo(EXPIRY_WARNING) <= 0 && expiringReported != serving) {
            expiringReported = serving;
            LOG.log(System.Logger.Level.WARNING, "the gateway''s certificate for {0} expires in {1} days. Renew it"
                    + " (e.g. certbot renew); the gateway serves the renewed files without a restart",
                    serving.describe(), left.toDays());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
