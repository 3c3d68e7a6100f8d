package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Behind nginx" example, exactly as written there (only the listening port, the gateway's port and the
 * certificate substituted), run by Debian's nginx in front of a real gateway that trusts what the README's
 * {@code gateway.trustedProxies} says. Clients connect from 127.0.0.2, so nginx's peer (127.0.0.1) and the client
 * differ. Skipped, with the reason, without {@code /usr/sbin/nginx} (package nginx-light) or {@code openssl}.
 */
class NginxInFrontTest {
    private static final Path README = Path.of("").toAbsolutePath().resolveSibling("README.md");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final InetAddress CLIENT = InetAddress.ofLiteral("127.0.0.2");
    private static final String STREAMER = "streamer#9";
    private static final int UPLOAD_BLOCKS = 64;

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.startedTrusting(TrustedProxies.of(readmeTrustedProxies()));
    @TempDir
    Path prefix;
    private StreamingBackend streaming;
    private Nginx nginx;
    private int port;
    private SSLContext tls;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        skipWithoutExecutable(Nginx.BINARY, "nginx (Debian package nginx-light)");
        skipWithoutExecutable(OPENSSL, "openssl, to make the example's certificate");
        streaming = fixture.closeLater(new StreamingBackend());
        fixture.gateway.up(STREAMER, streaming.port());
        fixture.gateway.up(ALICE, fixture.closeLater(new WebSocketEchoBackend("alice-ws")).port());
        Path certificate = prefix.resolve("cert.pem");
        Path key = prefix.resolve("key.pem");
        selfSignedCertificate(certificate, key);
        tls = trusting(certificate);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).localAddress(CLIENT).build();
        port = Nginx.freePort();
        nginx = Nginx.start(prefix, site(port, fixture.gateway.address().getPort(), certificate, key), port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (http != null) {
            http.shutdownNow();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void forwardsTheClientsAddressAndSchemeWhateverTheClientClaims() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("https", "/ucloud/slurm/integration/x"))
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Proto", "http")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        BackendReply reply = BackendReply.parse(response.body());
        assertThat(reply.backend()).as(response.body()).isEqualTo("system");
        assertThat(reply.get("x-forwarded-for")).as("the client, then nginx").isEqualTo("[127.0.0.2, 127.0.0.1]");
        assertThat(reply.get("x-forwarded-proto")).isEqualTo("[https]");
    }

    @Test
    void passesAWebSocketUpgradeThrough() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().header("ucloud-username", RouteKey.header(ALICE))
                .buildAsync(uri("wss", "/ucloud/slurm/jobs/follow"), collecting(messages)).get(20, TimeUnit.SECONDS);

        socket.sendText("through nginx", true).get(10, TimeUnit.SECONDS);
        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("alice-ws:through nginx");
        socket.sendText("and again", true).get(10, TimeUnit.SECONDS);
        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("alice-ws:and again");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void streamsA64MibChunkedUploadToTheBackendWhileItIsBeingSent() throws Exception {
        RawClient client = rawTls();
        client.send("POST /ucloud/slurm/files/upload HTTP/1.1\r\nHost: slurm.example.org\r\nucloud-username: "
                + RouteKey.header(STREAMER) + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        client.send(chunk(0));

        GatewayFixture.eventually("the first block reaches the backend before the body ends",
                () -> streaming.uploadedBytes() > 0);
        assertThat(nginx.temporaryFiles()).as("nothing buffered to disk").isEmpty();
        for (int i = 1; i < UPLOAD_BLOCKS; i++) {
            client.send(chunk(i));
        }
        RawClient.Response response = client.send("0\r\n\r\n").read();

        BackendReply reply = BackendReply.parse(response.text());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(reply.get("bodyBytes")).isEqualTo(String.valueOf((long) UPLOAD_BLOCKS * StreamingBackend.BLOCK_BYTES));
        assertThat(reply.get("bodySha256")).isEqualTo(StreamingBackend.sha256OfBlocks(UPLOAD_BLOCKS));
        assertThat(nginx.errorLog()).doesNotContain("temporary file");
    }

    @Test
    void streamsADownloadWhoseFirstBytesArriveWhileTheBackendHoldsTheRest() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri("https", "/ucloud/slurm/download?mib=16"))
                .header("ucloud-username", RouteKey.header(STREAMER)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(StreamingBackend.FIRST.length());
            assertThat(new String(first, StandardCharsets.US_ASCII)).as("sent before the backend was released")
                    .isEqualTo(StreamingBackend.FIRST);
            streaming.release();
            MessageDigest sha = NamedBackend.sha256();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                sha.update(buffer, 0, read);
                total += read;
            }
            assertThat(total).isEqualTo(16L * StreamingBackend.BLOCK_BYTES);
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(StreamingBackend.sha256OfBlocks(16));
        }
        assertThat(nginx.temporaryFiles()).isEmpty();
        assertThat(nginx.errorLog()).doesNotContain("temporary file");
    }

    /** The README's example with the ports and the certificate substituted; each place must be there exactly once. */
    private static String site(int listen, int gatewayPort, Path certificate, Path key) throws IOException {
        String site = readmeBlock("nginx-example");
        site = substituteOnce(site, "listen 443 ssl;", "listen 127.0.0.1:" + listen + " ssl;");
        site = substituteOnce(site, "server 127.0.0.1:8889;", "server 127.0.0.1:" + gatewayPort + ";");
        site = substituteOnce(site, "/etc/ssl/certs/slurm.example.org.pem", certificate.toString());
        return substituteOnce(site, "/etc/ssl/private/slurm.example.org.key", key.toString());
    }

    private static String substituteOnce(String text, String what, String with) {
        int at = text.indexOf(what);
        assertThat(at).as("the README's example contains '%s'", what).isNotNegative();
        assertThat(text.indexOf(what, at + 1)).as("the README's example contains '%s' once", what).isNegative();
        return text.replace(what, with);
    }

    /** The README's {@code gateway.trustedProxies} beside the example, e.g. {@code [127.0.0.1]}. */
    private static List<String> readmeTrustedProxies() {
        try {
            Matcher list = Pattern.compile("trustedProxies: \\[([^]]*)]").matcher(readmeBlock("nginx-example-config"));
            assertThat(list.find()).as("the README's example configuration names trustedProxies").isTrue();
            return Arrays.stream(list.group(1).split(",")).map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced code between {@code <!-- name:begin -->} and {@code <!-- name:end -->} in README.md. */
    private static String readmeBlock(String name) throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf("<!-- " + name + ":begin -->\n");
        int end = readme.indexOf("<!-- " + name + ":end -->");
        assertThat(begin).as("README.md marks %s", name).isNotNegative();
        assertThat(end).as("README.md ends %s", name).isGreaterThan(begin);
        String block = readme.substring(readme.indexOf('\n', begin) + 1, end);
        return block.lines().filter(line -> !line.startsWith("```")).map(line -> line + "\n")
                .reduce("", String::concat);
    }

    private static void skipWithoutExecutable(Path executable, String what) {
        if (!Files.isExecutable(executable)) {
            String reason = executable + " is missing: this test needs " + what;
            System.err.println("NginxInFrontTest skipped: " + reason);
            Assumptions.abort(reason);
        }
    }

    private static void selfSignedCertificate(Path certificate, Path key) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as("openssl req: %s", output).isZero();
    }

    /** TLS that trusts exactly the test's certificate. */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + port + pathAndQuery);
    }

    /** A raw client on a TLS connection to nginx from the client address, the certificate checked for 127.0.0.1. */
    private RawClient rawTls() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(GatewayFixture.LOOPBACK, port, CLIENT, 0);
        fixture.closeLater(socket);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return fixture.closeLater(new RawClient(socket));
    }

    /** Block {@code index} as one chunk. */
    private static byte[] chunk(int index) {
        byte[] block = StreamingBackend.block(index);
        byte[] head = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = Arrays.copyOf(head, head.length + block.length + 2);
        System.arraycopy(block, 0, chunk, head.length, block.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    private static WebSocket.Listener collecting(BlockingQueue<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
