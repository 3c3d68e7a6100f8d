package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static dk.sdu.im.gateway.GatewayFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each request reaches the backend of the user it names, and arrives there unchanged (DESIGN 3). */
class RoutingTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    @Test
    void routesByUsernameHeaderToThatUsersInstance() throws Exception {
        assertThat(backendOf(fixture.getAs(ALICE, "/ucloud/slurm/files/browse"))).isEqualTo("alice");
        assertThat(backendOf(fixture.getAs(BOB, "/ucloud/slurm/files/browse"))).isEqualTo("bob");
    }

    @Test
    void sendsRequestsWithoutUserToIntegrationModule() throws Exception {
        assertThat(backendOf(fixture.getAs(null, "/ucloud/slurm/jobs/retrieveProducts"))).isEqualTo("system");
    }

    @Test
    void routesByUsernameHintInBothBase64Alphabets() throws Exception {
        String user = "jürgen~?#1";
        NamedBackend jurgen = fixture.closeLater(new NamedBackend("jurgen"));
        fixture.gateway.up(user, jurgen.port());
        String url = RouteKey.hint(user);
        String standard = Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        assertThat(url).contains("_").isNotEqualTo(standard);
        assertThat(standard).contains("/");

        assertThat(backendOf(fixture.getAs(null, "/ucloud/slurm/download?token=t&usernameHint=" + url))).isEqualTo("jurgen");
        assertThat(backendOf(fixture.getAs(null, "/ucloud/slurm/upload?usernameHint=" + standard))).isEqualTo("jurgen");
        String percentEncoded = standard.replace("/", "%2F").replace("=", "%3D");
        assertThat(backendOf(fixture.getAs(null, "/ucloud/slurm/upload?usernameHint=" + percentEncoded))).isEqualTo("jurgen");
    }

    @Test
    void routesADownloadUrlAsTheFrontendBuildsItWithRawPlusSlashAndPadding() throws Exception {
        String user = "\u00ff\u00fe?>#1";
        NamedBackend awkward = fixture.closeLater(new NamedBackend("awkward"));
        fixture.gateway.up(user, awkward.port());
        String frontend = Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        assertThat(frontend).as("b64EncodeUnicode, appended unencoded").isEqualTo("w7/Dvj8+IzE=");

        HttpResponse<String> alone = fixture.getAs(null, "/ucloud/slurm/download?token=t&usernameHint=" + frontend);
        assertThat(backendOf(alone)).isEqualTo("awkward");
        BackendReply reply = BackendReply.parse(alone.body());
        assertThat(reply.get("uri")).as("forwarded unchanged").isEqualTo("/ucloud/slurm/download?token=t&usernameHint=" + frontend);
        String twice = "/ucloud/slurm/download?token=t&usernameHint=" + RouteKey.hint(user) + "&usernameHint=" + frontend;
        assertThat(backendOf(fixture.getAs(null, twice))).as("the module's hint and the frontend's").isEqualTo("awkward");
        assertThat(fixture.alice.requests() + fixture.system.requests()).isZero();
    }

    @Test
    void prefersTheUsernameHeaderOverTheHint() throws Exception {
        HttpResponse<String> response = fixture.getAs(ALICE, "/ucloud/slurm/x?usernameHint=" + RouteKey.hint(BOB));
        assertThat(backendOf(response)).isEqualTo("alice");
    }

    @Test
    void sendsIntegrationInitToIntegrationModuleEvenWithUsernameHeader() throws Exception {
        HttpResponse<String> response = fixture.send(fixture.request("/ucloud/slurm/integration/init")
                .header("ucloud-username", RouteKey.header(ALICE))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice#1234\"}")).build());
        assertThat(backendOf(response)).isEqualTo("system");
        assertThat(fixture.alice.requests()).isZero();
    }

    @Test
    void forwardsMethodTargetHeadersAndBodyUnchanged() throws Exception {
        String target = "/ucloud/slurm/files/move?a=1&b=%20x&c=%2F";
        byte[] body = "{\"items\":[{\"oldId\":\"/a\",\"newId\":\"/b\"}]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = fixture.send(fixture.request(target)
                .header("ucloud-username", RouteKey.header(ALICE))
                .header("Authorization", "Bearer token.value.sig")
                .header("X-Custom", "one").header("X-Custom", "two")
                .header("X-Forwarded-For", "6.6.6.6")
                .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(body)).build());

        BackendReply reply = BackendReply.parse(response.body());
        assertThat(reply.backend()).isEqualTo("alice");
        assertThat(reply.get("method")).isEqualTo("DELETE");
        assertThat(reply.get("uri")).isEqualTo(target);
        assertThat(reply.get("ucloud-username")).isEqualTo(RouteKey.header(ALICE));
        assertThat(reply.get("authorization")).isEqualTo("Bearer token.value.sig");
        assertThat(reply.get("x-custom")).isEqualTo("[one, two]");
        assertThat(reply.get("bodySha256")).isEqualTo(sha256(body));
        assertThat(reply.get("x-forwarded-for")).as("set by the gateway, not the client").isEqualTo("[127.0.0.1]");
        assertThat(reply.get("x-forwarded-proto")).isEqualTo("[http]");
    }

    @Test
    void refusesUndecodableUsernameHeaderWithJson400() throws Exception {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        for (String header : new String[] {"not base64!", notUtf8, RouteKey.hint("jürgen~?#1")}) {
            HttpResponse<String> response = fixture.send(fixture.request("/ucloud/slurm/files/browse")
                    .header("ucloud-username", header).build());
            assertThat(response.statusCode()).as(header).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(response.body()).isEqualTo("{\"statusCode\":400,\"why\":\"The ucloud-username header is not"
                    + " valid base64 of a UTF-8 username\",\"errorCode\":null}");
        }
        assertThat(fixture.system.requests() + fixture.alice.requests()).isZero();
    }

    @Test
    void refusesTwoDifferentUsernameHintsWith400() throws Exception {
        HttpResponse<String> response = fixture.getAs(null,
                "/ucloud/slurm/x?usernameHint=" + RouteKey.hint(ALICE) + "&usernameHint=" + RouteKey.hint(BOB));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void sendsDownloadsAndCallsOfAUserToItsOnePortAndNoOtherUsers() throws Exception {
        assertThat(backendOf(via(ALICE, "GET", "/ucloud/slurm/download"))).isEqualTo("alice");
        assertThat(backendOf(via(ALICE, "OPTIONS", "/ucloud/slurm/download"))).isEqualTo("alice");
        assertThat(backendOf(via(ALICE, "GET", "/ucloud/slurm/%64ownload"))).isEqualTo("alice");
        assertThat(backendOf(via(ALICE, "GET", "/ucloud/slurm/download/x"))).isEqualTo("alice");
        assertThat(backendOf(via(ALICE, "GET", "/ucloud/slurm/files/browse"))).isEqualTo("alice");
        assertThat(backendOf(via(BOB, "GET", "/ucloud/slurm/download"))).isEqualTo("bob");

        assertThat(fixture.alice.requests()).isEqualTo(5);
        assertThat(fixture.bob.requests()).isEqualTo(1);
        assertThat(fixture.system.requests()).isZero();
    }

    /** A request for {@code user}, by usernameHint as the browser sends it. */
    private HttpResponse<String> via(String user, String method, String path) throws Exception {
        URI uri = fixture.uri(path + "?token=t&usernameHint=" + RouteKey.hint(user));
        return fixture.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String backendOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return BackendReply.parse(response.body()).backend();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(NamedBackend.sha256().digest(bytes));
    }
}
