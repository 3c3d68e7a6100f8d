package dk.sdu.im.server.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.gateway.RouteKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed fragment, run by the real HAProxy: which requests it sends straight to an instance (only the plain
 * case) and which to the embedded gateway (here a stand-in that names itself), what it adds to every request and
 * reply, and UCloud's error body for its own answers.
 */
class HaproxyFragmentTest {
    private static final String ALICE = RouteKey.header("alice#1234");
    private static final String BOB = RouteKey.header("bob#5678");

    @TempDir
    Path dir;
    private EchoBackend gateway;
    private EchoBackend alice;
    private EchoBackend bob;
    private RealHaproxy haproxy;
    private java.net.http.HttpClient http;

    @BeforeEach
    void start() throws Exception {
        RealHaproxy.assumeInstalled();
        gateway = EchoBackend.start("gateway");
        alice = EchoBackend.start("alice");
        bob = EchoBackend.start("bob");
        Files.writeString(dir.resolve("routes.map"), ALICE + " " + alice.port() + "\n" + BOB + " " + bob.port() + "\n");
        haproxy = RealHaproxy.start(dir, gateway.port());
        http = haproxy.client();
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        for (EchoBackend backend : new EchoBackend[] {gateway, alice, bob}) {
            if (backend != null) {
                backend.close();
            }
        }
    }

    @Test
    void theFragmentIsValidForHaproxy() throws Exception {
        Process check = new ProcessBuilder(RealHaproxy.HAPROXY.toString(), "-c", "-f", dir.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("Configuration file is valid").doesNotContain("WARNING").doesNotContain("ALERT");
    }

    @Test
    void aUserWithARouteGoesStraightToTheInstanceEveryoneElseToTheGateway() throws Exception {
        assertThat(call("GET", "/ucloud/p/files/browse", ALICE)).startsWith("alice ");
        assertThat(call("POST", "/ucloud/p/files/browse", BOB)).startsWith("bob ");
        assertThat(call("POST", "/ucloud/p/files/browse", RouteKey.header("carol#9"))).as("no route").startsWith("gateway ");
        assertThat(call("POST", "/ucloud/p/files/browse", null)).as("no user").startsWith("gateway ");
        assertThat(call("GET", "/ucloud/p/download?token=x&usernameHint=" + RouteKey.hint("alice#1234"), null))
                .as("routed by usernameHint: the gateway's rules").startsWith("gateway ");
        assertThat(call("POST", "/ucloud/p/files/browse", ALICE.replace("=", ""))).as("not the key exactly")
                .startsWith("gateway ");
        assertThat(call("POST", "/ucloud/p/files/browse", ALICE + "," + BOB)).as("two values in one field")
                .startsWith("gateway ");
        assertThat(haproxy.command("show table ucloud-im-activity")).as("only what went straight to an instance is tracked")
                .contains("key=" + ALICE.replace("=", "\\=")).contains("key=" + BOB.replace("=", "\\="))
                .doesNotContain("Y2Fyb2w");
        var twice = HttpRequest.newBuilder(haproxy.uri("/ucloud/p/files/browse")).header("ucloud-username", ALICE)
                .header("ucloud-username", ALICE).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(http.send(twice, HttpResponse.BodyHandlers.ofString()).body()).as("the header twice").startsWith("gateway ");
    }

    /** As {@code Router.isInit}: POST, and the percent-decoded path's non-empty segments are ucloud, id, integration, init. */
    @Test
    void initGoesToTheGatewayWhateverItCarriesAndOnlyInitDoes() throws Exception {
        for (String init : new String[] {"/ucloud/p/integration/init", "//ucloud//p/integration/init/",
                "/ucloud/p/integration/ini%74", "/%75cloud/p%2Fintegration/init"}) {
            assertThat(call("POST", init, ALICE)).as(init).startsWith("gateway ");
        }
        for (String other : new String[] {"/ucloud/p/integration/initial", "/ucloud/p/q/integration/init",
                "/ucloud/integration/init", "/ucloud/p/integration/init/x"}) {
            assertThat(call("POST", other, ALICE)).as(other).startsWith("alice ");
        }
        assertThat(call("GET", "/ucloud/p/integration/init", ALICE)).as("not a POST").startsWith("alice ");
    }

    @Test
    void theEdgeSetsForwardingFieldsAndStrictTransportSecurity() throws Exception {
        var request = HttpRequest.newBuilder(haproxy.uri("/ucloud/p/files/browse")).header("ucloud-username", ALICE)
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Proto", "http")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(reply.body()).contains("proto=https").contains("for=[127.0.0.1]").doesNotContain("203.0.113.9");
        assertThat(reply.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void haproxysOwnErrorsAreUCloudsErrorBody() throws Exception {
        int dead = RealHaproxy.freePort();
        assertThat(haproxy.command("add map " + haproxy.config.mapFile() + " " + RouteKey.header("dave#1") + " " + dead)).isEmpty();
        var request = HttpRequest.newBuilder(haproxy.uri("/ucloud/p/files/browse")).header("ucloud-username",
                RouteKey.header("dave#1")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(reply.body()).isEqualTo("{\"statusCode\":503,\"why\":\"The user's instance cannot be reached; try again\","
                + "\"errorCode\":null}");
    }

    /**
     * A malformed head, and a chunked body that turns malformed on its way to an instance: HAProxy's own 400, and the
     * connection closed. (HAProxy 2.6 sends its built-in page for these, whatever http-error says: its issue 3032.)
     */
    @Test
    void malformedRequestsGetHaproxysOwn400AndTheConnectionCloses() throws Exception {
        String head = raw("GET /ucloud/p/files HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 400 ").contains("Connection: close").doesNotContain("gateway ");
        String body = raw("POST /ucloud/p/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nucloud-username: " + ALICE
                + "\r\n\r\n5\r\nhello\r\nzz\r\n");
        assertThat(body).startsWith("HTTP/1.1 400 ").contains("Connection: close").doesNotContain("alice ");
    }

    private String raw(String request) throws Exception {
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        var trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        var store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("t", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                Files.newInputStream(dir.resolve("tls.crt"))));
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        try (var socket = context.getSocketFactory().createSocket("127.0.0.1", haproxy.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String call(String method, String path, String user) throws Exception {
        var request = HttpRequest.newBuilder(haproxy.uri(path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            request.header("ucloud-username", user);
        }
        HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }
}
