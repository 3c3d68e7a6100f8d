package dk.sdu.im.server.ingress;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.config.HaproxyConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's haproxy started by a test with the printed fragment ({@link HaproxyFragment}) and a self-signed certificate
 * made with openssl, all in the test's directory; stopped by its pid. Tests that need it skip, saying why, where
 * haproxy or openssl is missing.
 */
final class RealHaproxy implements AutoCloseable {
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    final Path dir;
    final HaproxyConfig config;
    final int port;
    private final Path configFile;
    private Process process;

    private RealHaproxy(Path dir, HaproxyConfig config, int port, Path configFile) {
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.configFile = configFile;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(HAPROXY), "needs Debian's haproxy at " + HAPROXY + " (apt-get install haproxy)");
        assumeTrue(Files.isExecutable(OPENSSL), "needs openssl at " + OPENSSL + " for a test certificate");
    }

    /** The configuration for a HAProxy in {@code dir}, listening on a free loopback port. */
    static HaproxyConfig config(Path dir, int port) {
        return new HaproxyConfig(dir.resolve("runtime.sock"), dir.resolve("routes.map"), "haproxy", "127.0.0.1:" + port,
                dir.resolve("tls.pem"));
    }

    /** Writes the certificate and the fragment (the embedded gateway at {@code gatewayPort}) and starts HAProxy. */
    static RealHaproxy start(Path dir, int gatewayPort) throws Exception {
        RealHaproxy haproxy = prepare(dir, gatewayPort);
        haproxy.start();
        return haproxy;
    }

    /** Writes the certificate, an empty map file if there is none, and the fragment; does not start HAProxy. */
    static RealHaproxy prepare(Path dir, int gatewayPort) throws Exception {
        assumeInstalled();
        int port = freePort();
        HaproxyConfig config = config(dir, port);
        certificate(dir, config.certificate());
        if (!Files.exists(config.mapFile())) {
            Files.writeString(config.mapFile(), "");
        }
        String fragment = new HaproxyFragment(System.getProperty("user.name"), "127.0.0.1", gatewayPort, config, dir).text();
        Path configFile = Files.writeString(dir.resolve("haproxy.cfg"), fragment);
        return new RealHaproxy(dir, config, port, configFile);
    }

    /** Starts HAProxy (again) and waits until its runtime API answers. */
    void start() throws Exception {
        Files.deleteIfExists(config.runtimeSocket());
        process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        var api = new RuntimeApi(config.runtimeSocket(), Duration.ofSeconds(2), Executors.newSingleThreadScheduledExecutor());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try {
                if (api.send("show info").contains("Pid: " + process.pid())) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("haproxy did not answer: " + Files.readString(dir.resolve("haproxy.log")));
    }

    long pid() {
        return process.pid();
    }

    /** Stops HAProxy by its pid (SIGKILL, as a crash would) and waits for it to end. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** HAProxy's answer to one runtime API command. */
    String command(String line) throws IOException {
        return new RuntimeApi(config.runtimeSocket(), Duration.ofSeconds(2), Executors.newSingleThreadScheduledExecutor())
                .send(line);
    }

    /** An HTTP/1.1 client that trusts the test certificate only. */
    HttpClient client() throws Exception {
        var certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                Files.readString(config.certificate()).replaceAll("(?s)-----BEGIN PRIVATE KEY-----.*?-----END PRIVATE KEY-----\\s*", "")
                        .getBytes(StandardCharsets.US_ASCII)));
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("haproxy", certificate);
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    java.net.URI uri(String path) {
        return java.net.URI.create("https://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void certificate(Path dir, Path pem) throws Exception {
        Path key = dir.resolve("tls.key");
        Path cert = dir.resolve("tls.crt");
        Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
