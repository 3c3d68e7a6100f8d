package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.fail;

import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A gateway with HTTPS on 127.0.0.1, its certificate made by a {@link TestCa} in a temporary directory and laid out
 * as certbot lays it out: {@code live/fullchain.pem} and {@code live/privkey.pem} are symbolic links into
 * {@code archive/}, which a {@link #renew} points at the next files. Behind it: IM/Server ("system") and alice's
 * WebSocket instance. Clients built here trust the test CA and nothing else. Skips the test when openssl is missing.
 */
final class TlsGateway implements AutoCloseable {
    static final String ALICE = GatewayFixture.ALICE;
    /** Short, so renewal tests do not wait long; a state is always awaited, never a time. */
    static final Duration RECHECK = Duration.ofMillis(50);

    final TestCa ca;
    final Path live;
    final NamedBackend system;
    final WebSocketEchoBackend alice;
    final EmbeddedGateway gateway;
    final SSLContext trustingTheCa;
    final HttpClient http;
    final LogCapture log = new LogCapture(TlsTransport.class);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private int archived;

    private TlsGateway(Path directory) throws Exception {
        try {
            this.ca = TestCa.create(Files.createDirectories(directory.resolve("ca")));
            this.live = Files.createDirectories(directory.resolve("live"));
            Files.createDirectories(directory.resolve("archive"));
            renew(ca.issueForLocalhost("server"));
            system = closeLater(new NamedBackend("system"));
            alice = closeLater(new WebSocketEchoBackend("alice-ws"));
            gateway = closeLater(EmbeddedGateway.start(settings(system.address()), files(TlsGateway::privateToItsOwner)));
            gateway.up(ALICE, alice.port());
            trustingTheCa = trusting(ca.certificate());
            http = closeLater(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingTheCa)
                    .build());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** A gateway serving a fresh localhost certificate of the test CA; the test is skipped without openssl. */
    static TlsGateway start(Path directory) throws Exception {
        assumeOpenssl();
        return new TlsGateway(directory);
    }

    static void assumeOpenssl() {
        Assumptions.assumeTrue(TestCa.available(), "the TLS tests make their certificates with " + TestCa.OPENSSL
                + ", which is not installed");
    }

    TlsFiles files(TlsFiles.KeyFileCheck keyCheck) {
        return new TlsFiles(live.resolve("fullchain.pem"), live.resolve("privkey.pem"), keyCheck, RECHECK);
    }

    static EmbeddedGateway.Settings settings(InetSocketAddress systemBackend) {
        return new EmbeddedGateway.Settings(new InetSocketAddress(GatewayFixture.LOOPBACK, 0), systemBackend,
                new FakeColdStart(), Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024, 1000);
    }

    /** Like a certbot renewal: the issued files go into {@code archive/} and the links in {@code live/} move to them. */
    void renew(Issued issued) throws IOException {
        renew(issued.certificate(), issued.key(), "rw-------");
    }

    /** A renewal of these two files, the key with these permissions (e.g. {@code rw-------}). */
    void renew(Path certificate, Path key, String keyPermissions) throws IOException {
        archived++;
        Path archive = live.resolveSibling("archive");
        Path chainCopy = Files.copy(certificate, archive.resolve("fullchain" + archived + ".pem"));
        Path keyCopy = Files.copy(key, archive.resolve("privkey" + archived + ".pem"));
        Files.setPosixFilePermissions(keyCopy, PosixFilePermissions.fromString(keyPermissions));
        relink(live.resolve("fullchain.pem"), chainCopy);
        relink(live.resolve("privkey.pem"), keyCopy);
    }

    /**
     * What IM/Server's check of the key file amounts to here: refused when group or others may read it. (IM/Server's
     * own, with owner and messages, is tested with the configuration.)
     */
    static void privateToItsOwner(Path file) throws CertificateRefused {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new CertificateRefused(file + " is readable by group or others");
            }
        } catch (IOException e) {
            throw new CertificateRefused("cannot check " + file + ": " + e);
        }
    }

    private static void relink(Path link, Path target) throws IOException {
        Path fresh = link.resolveSibling(link.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createSymbolicLink(fresh, link.getParent().relativize(target));
        Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + gateway.address().getPort() + pathAndQuery);
    }

    URI webSocketUri(String pathAndQuery) {
        return URI.create("wss://127.0.0.1:" + gateway.address().getPort() + pathAndQuery);
    }

    /** A TLS connection to the gateway that trusts the test CA, handshake done, offering these ALPN protocols. */
    SSLSocket connect(String... applicationProtocols) throws IOException {
        SSLSocket socket = (SSLSocket) trustingTheCa.getSocketFactory().createSocket("127.0.0.1",
                gateway.address().getPort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (applicationProtocols.length > 0) {
            parameters.setApplicationProtocols(applicationProtocols);
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        return closeLater(socket);
    }

    /** The serial number of the certificate a new connection is served. */
    BigInteger servedSerial() throws IOException {
        try (SSLSocket socket = connect()) {
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    static BigInteger serialOf(Issued issued) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(issued.certificate())) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    /** A client-side TLS context that trusts only the certificates in {@code caFile}. */
    static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        log.close();
    }

    /** The records one class logs while the capture is open (it logs through System.Logger, which goes to JUL here). */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        LogCapture(Class<?> source) {
            logger = Logger.getLogger(source.getName());
            logger.addHandler(this);
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        /** Waits (at most 10 s) for a record at {@code level} whose formatted message contains {@code text}. */
        String awaitMessage(Level level, String text) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (LogRecord record : records) {
                    String message = new java.util.logging.SimpleFormatter().formatMessage(record);
                    if (record.getLevel().equals(level) && message.contains(text)) {
                        return message;
                    }
                }
                Thread.sleep(10);
            }
            return fail("never logged at " + level + ": " + text + "; logged: " + records.stream()
                    .map(r -> r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r)).toList());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
