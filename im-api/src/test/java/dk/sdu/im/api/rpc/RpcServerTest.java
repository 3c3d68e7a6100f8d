package dk.sdu.im.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.http.PeerCheck;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.TestKeys;
import dk.sdu.im.api.log.RequestLog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against real HTTP on loopback: access rules, user context, body limits, error shape. */
class RpcServerTest {
    record Echo(String username) {
    }

    private final TestKeys keys = new TestKeys(Instant.now());
    private final ObjectMapper mapper = Json.boundaryMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private RpcServer server;

    private void start(UserClaimRule claims) throws Exception {
        var verifier = new CoreTokenVerifier(keys.publicKey(), "cloud.sdu.dk", Duration.ofSeconds(60), Clock.systemUTC());
        Handler echo = call -> Reply.json(Map.of("user", call.caller().describe(),
                "body", call.body(Echo.class).username() == null ? "" : call.body(Echo.class).username()));
        List<Route> routes = List.of(
                new Route("POST", "/t/system", "t.system", Access.SYSTEM, echo),
                new Route("DELETE", "/t/system", "t.delete", Access.SYSTEM, echo),
                new Route("POST", "/t/init", "t.init", Access.SYSTEM_OR_USER, echo),
                new Route("POST", "/t/user", "t.user", Access.USER, echo),
                new Route("GET", "/t/page", "t.page", Access.PUBLIC, call -> Reply.html(200, "<p>hi</p>")),
                new Route("GET", "/t/boom", "t.boom", Access.SYSTEM, call -> {
                    throw new IllegalStateException("secret internal detail");
                }));
        server = RpcServer.start(new InetSocketAddress("127.0.0.1", 0), routes,
                new RpcServer.Settings(new CallerResolver(verifier, claims), mapper, 1024, new RequestLog()), PeerCheck.ANYONE);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String bearer(String user) {
        return "Bearer " + keys.sign(c -> user == null ? c : c.claim("ucloudUser", user));
    }

    private static String b64(String user) {
        return Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return mapper.readTree(response.body());
    }

    @Test
    void systemCallWithoutContentTypeIsServed() throws Exception {
        start(UserClaimRule.required());
        var response = send("POST", "/t/system", "{\"username\":\"x\",\"unknownField\":1}", "Authorization", bearer(null));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("body").asText()).isEqualTo("x");
    }

    @Test
    void deleteCarriesABody() throws Exception {
        start(UserClaimRule.required());
        var response = send("DELETE", "/t/system", "{\"username\":\"gone\"}", "Authorization", bearer(null));
        assertThat(json(response).get("body").asText()).isEqualTo("gone");
    }

    @Test
    void missingOrForgedTokenIs401WithErrorBody() throws Exception {
        start(UserClaimRule.required());
        var missing = send("POST", "/t/system", "{}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("statusCode").asInt()).isEqualTo(401);
        assertThat(json(missing).get("why").asText()).isEqualTo("Unauthorized");
        var forged = send("POST", "/t/system", "{}", "Authorization",
                "Bearer " + TestKeys.sign(TestKeys.generate(), keys.coreClaims().build()));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void systemCallWithUserContextIsForbidden() throws Exception {
        start(UserClaimRule.required());
        var response = send("POST", "/t/system", "{}", "Authorization", bearer("alice#1234"), "ucloud-username", b64("alice#1234"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("why").asText()).contains("user context");
    }

    @Test
    void headerThatDisagreesWithClaimIsForbidden() throws Exception {
        start(UserClaimRule.required());
        var response = send("POST", "/t/init", "{}", "Authorization", bearer("bob#1"), "ucloud-username", b64("alice#1234"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void headerWithoutClaimIsForbiddenWhenTheClaimIsRequiredAndServedInHeaderMode() throws Exception {
        start(UserClaimRule.required());
        assertThat(send("POST", "/t/init", "{}", "Authorization", bearer(null), "ucloud-username", b64("alice#1234"))
                .statusCode()).isEqualTo(403);
        server.close();
        start(UserClaimRule.header());
        var trusted = send("POST", "/t/user", "{}", "Authorization", bearer(null), "ucloud-username", b64("alice#1234"));
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(json(trusted).get("user").asText()).isEqualTo("alice#1234");
    }

    @Test
    void initIsRoutableWithAndWithoutUser() throws Exception {
        start(UserClaimRule.required());
        assertThat(json(send("POST", "/t/init", "{}", "Authorization", bearer(null))).get("user").asText()).isEqualTo("-");
        var withUser = send("POST", "/t/init", "{}", "Authorization", bearer("alice#1234"), "ucloud-username", b64("alice#1234"));
        assertThat(json(withUser).get("user").asText()).isEqualTo("alice#1234");
    }

    @Test
    void usernameHintAcceptsBothBase64Alphabets() throws Exception {
        start(UserClaimRule.required());
        String user = "ø>?~user#1";
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        assertThat(urlSafe).containsAnyOf("-", "_");
        assertThat(send("POST", "/t/user?usernameHint=" + urlSafe, "{}", "Authorization", bearer(user)).statusCode()).isEqualTo(200);
        String standard = java.net.URLEncoder.encode(b64(user), StandardCharsets.UTF_8);
        assertThat(send("POST", "/t/user?usernameHint=" + standard, "{}", "Authorization", bearer(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRepeatedUsernameHintIsServedWhenEveryValueNamesTheSameUser() throws Exception {
        start(UserClaimRule.required());
        String user = "\u00ff\u00fe?>#1";
        String urlSafe = Base64.getUrlEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        String raw = b64(user);
        assertThat(raw).as("unencoded, as the frontend appends it").contains("+", "/", "=");

        var both = send("POST", "/t/user?usernameHint=" + urlSafe + "&usernameHint=" + raw, "{}", "Authorization", bearer(user));
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(json(both).get("user").asText()).isEqualTo(user);
        var differing = send("POST", "/t/user?usernameHint=" + urlSafe + "&usernameHint=" + b64("bob#1"), "{}",
                "Authorization", bearer(user));
        assertThat(differing.statusCode()).isEqualTo(400);
    }

    @Test
    void userCallWithoutContextIsForbidden() throws Exception {
        start(UserClaimRule.required());
        assertThat(send("POST", "/t/user", "{}", "Authorization", bearer(null)).statusCode()).isEqualTo(403);
    }

    @Test
    void malformedUsernameHeaderIs400() throws Exception {
        start(UserClaimRule.required());
        assertThat(send("POST", "/t/init", "{}", "Authorization", bearer(null), "ucloud-username", "***").statusCode()).isEqualTo(400);
    }

    @Test
    void malformedJsonIs400WithPosition() throws Exception {
        start(UserClaimRule.required());
        var response = send("POST", "/t/system", "{\"username\":", "Authorization", bearer(null));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("why").asText()).contains("Invalid JSON").contains("line 1");
    }

    @Test
    void emptyBodyIs400() throws Exception {
        start(UserClaimRule.required());
        assertThat(send("POST", "/t/system", "", "Authorization", bearer(null)).statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedBodyIs413AndServerKeepsServing() throws Exception {
        start(UserClaimRule.required());
        var response = send("POST", "/t/system", "{\"username\":\"" + "x".repeat(5000) + "\"}", "Authorization", bearer(null));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(send("POST", "/t/system", "{}", "Authorization", bearer(null)).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownCallIs404AndWrongMethodIs405() throws Exception {
        start(UserClaimRule.required());
        assertThat(json(send("GET", "/nope", null)).get("statusCode").asInt()).isEqualTo(404);
        assertThat(send("GET", "/t/system", null, "Authorization", bearer(null)).statusCode()).isEqualTo(405);
    }

    @Test
    void handlerFailureIs500WithoutInternalDetails() throws Exception {
        start(UserClaimRule.required());
        var response = send("GET", "/t/boom", null, "Authorization", bearer(null));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret internal detail");
    }

    @Test
    void publicPageNeedsNoToken() throws Exception {
        start(UserClaimRule.required());
        var response = send("GET", "/t/page", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<p>hi</p>");
    }
}
