package dk.sdu.im.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dk.sdu.im.testkit.core.CoreTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderClientTest {
    /** Core's tokens with a key of their own; immutable. */
    private static final CoreTokens TOKENS = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordingProvider provider = new RecordingProvider();
    private final CoreTokens tokens = TOKENS;
    private final ProviderClient client = new ProviderClient(provider.baseUri(), "slurm", tokens);

    @AfterEach
    void stop() {
        client.close();
        provider.close();
    }

    @Test
    void systemPostCarriesServiceTokenAndNoContentTypeNorUsername() throws Exception {
        Reply reply = client.asSystem().post("integration/connect", "{\"username\":\"alice#1234\"}");

        var seen = provider.last();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/ucloud/slurm/integration/connect");
        assertThat(seen.headers()).doesNotContainKeys("content-type", "ucloud-username");
        assertThat(seen.header("accept-encoding")).isEqualTo("gzip");
        assertThat(seen.body()).isEqualTo("{\"username\":\"alice#1234\"}");
        SignedJWT jwt = bearer(seen);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) TOKENS.keyPair().getPublic()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("_UCloud");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("SERVICE");
        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("ucloudUser");
    }

    @Test
    void userCallCarriesTheStandardBase64UsernameHeaderAndATokenWithoutUserAsTodaysCore() throws Exception {
        client.asUser("alice#1234").post("files/folder", "{\"items\":[]}");

        var seen = provider.last();
        assertThat(seen.header("ucloud-username")).isEqualTo("YWxpY2UjMTIzNA==");
        assertThat(new String(Base64.getDecoder().decode(seen.header("ucloud-username")), StandardCharsets.UTF_8))
                .isEqualTo("alice#1234");
        assertThat(bearer(seen).getJWTClaimsSet().getClaims()).doesNotContainKey("ucloudUser")
                .containsKeys("principalType", "role", "sub", "aud", "iss", "iat", "exp");
    }

    @Test
    void userCallWithClaimNamesItsUserInTheToken() throws Exception {
        client.asUserWithClaim("alice#1234").post("files/folder", "{\"items\":[]}");

        var seen = provider.last();
        assertThat(seen.header("ucloud-username")).isEqualTo("YWxpY2UjMTIzNA==");
        assertThat(bearer(seen).getJWTClaimsSet().getStringClaim("ucloudUser")).isEqualTo("alice#1234");
    }

    @Test
    void usernameHeaderPadsAndUsesTheStandardAlphabet() {
        client.asUser("ø?>").get("jobs/retrieveProducts", Map.of());

        assertThat(provider.last().header("ucloud-username"))
                .isEqualTo(Base64.getEncoder().encodeToString("ø?>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deleteCarriesItsJsonBody() {
        client.asUser("alice#1234").delete("files", "{\"items\":[{\"id\":\"/12/a\"}]}");

        var seen = provider.last();
        assertThat(seen.method()).isEqualTo("DELETE");
        assertThat(seen.path()).isEqualTo("/ucloud/slurm/files");
        assertThat(seen.body()).isEqualTo("{\"items\":[{\"id\":\"/12/a\"}]}");
        assertThat(seen.headers()).doesNotContainKey("content-type");
    }

    @Test
    void getEncodesTheQueryAndSendsNoBody() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("itemsPerPage", "0");
        query.put("filter", "a b&c");
        client.asSystem().retrieve("jobs/retrieveProducts", query);

        var seen = provider.last();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.path()).isEqualTo("/ucloud/slurm/jobs/retrieveProducts");
        assertThat(URLDecoder.decode(seen.rawQuery(), StandardCharsets.UTF_8)).isEqualTo("itemsPerPage=0&filter=a b&c");
        assertThat(seen.rawQuery()).contains("a+b%26c");
        assertThat(seen.body()).isEmpty();
    }

    @Test
    void browseFilesSendsTheCapitalisedBrowseKey() throws Exception {
        ObjectNode drive = (ObjectNode) JSON.readTree("{\"id\":\"12\"}");
        ObjectNode natural = JSON.createObjectNode();
        natural.set("resolvedCollection", drive);
        natural.putObject("browse").put("itemsPerPage", 50).putObject("flags").put("path", "/12/data");
        ObjectNode flat = JSON.createObjectNode();
        flat.set("resolvedCollection", drive);
        flat.put("itemsPerPage", 50).putObject("flags").put("path", "/12/data");

        client.asUser("alice#1234").browseFiles(natural);
        JsonNode first = JSON.readTree(provider.last().body());
        client.asUser("alice#1234").browseFiles(flat);
        JsonNode second = JSON.readTree(provider.last().body());

        assertThat(provider.last().path()).isEqualTo("/ucloud/slurm/files/browse");
        for (JsonNode sent : new JsonNode[] {first, second}) {
            assertThat(sent.has("browse")).isFalse();
            assertThat(sent.at("/Browse/flags/path").asText()).isEqualTo("/12/data");
            assertThat(sent.at("/Browse/itemsPerPage").asInt()).isEqualTo(50);
            assertThat(sent.at("/resolvedCollection/id").asText()).isEqualTo("12");
        }
    }

    @Test
    void gzipReplyIsDecodedTransparently() {
        provider.replyWith(200, "{\"enabled\":false}", true);

        Reply reply = client.asSystem().get("integration/retrieveManifest", Map.of());

        assertThat(reply.header("content-encoding")).isEqualTo("gzip");
        assertThat(reply.json().get("enabled").asBoolean()).isFalse();
    }

    @Test
    void withersForgeOrRemoveEachCredential() {
        Caller forged = client.asUser("alice#1234").withToken(null).withRawUsernameHeader("alice#1234")
                .withUsernameHint("bob#1").withHeader("X-Extra", "1");
        forged.get("files/retrieveProducts", Map.of());

        var seen = provider.last();
        assertThat(seen.headers()).doesNotContainKey("authorization");
        assertThat(seen.header("ucloud-username")).isEqualTo("alice#1234");
        assertThat(seen.header("x-extra")).isEqualTo("1");
        assertThat(seen.rawQuery()).isEqualTo("usernameHint="
                + Base64.getUrlEncoder().encodeToString("bob#1".getBytes(StandardCharsets.UTF_8)).replace("=", "%3D"));

        client.asUser("alice#1234").withUsernameHeader(null).withToken("abc").get("x", Map.of());
        assertThat(provider.last().headers()).doesNotContainKey("ucloud-username");
        assertThat(provider.last().header("authorization")).isEqualTo("Bearer abc");
    }

    @Test
    void rawSendsArbitraryBytesToAnyPath() {
        client.asSystem().raw("PATCH", "/ucloud/slurm/jobs?x=1", new byte[] {'{', 0});

        var seen = provider.last();
        assertThat(seen.method()).isEqualTo("PATCH");
        assertThat(seen.path()).isEqualTo("/ucloud/slurm/jobs");
        assertThat(seen.rawQuery()).isEqualTo("x=1");
        assertThat(seen.body()).isEqualTo("{\0");
    }

    @Test
    void slowProviderHitsCoresTimeout() {
        provider.delay(2_000);

        assertThatThrownBy(() -> client.asSystem().withTimeout(Duration.ofMillis(200)).get("jobs/retrieveProducts",
                Map.of())).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void replyJsonFailsClearlyOnNonJsonAndWhyReadsErrors() {
        provider.replyWith(500, "<html>oops</html>", false);
        Reply html = client.asSystem().get("x", Map.of());
        provider.replyWith(404, "{\"why\":\"Unable to download directories!\"}", false);
        Reply error = client.asSystem().get("x", Map.of());

        assertThatThrownBy(html::json).isInstanceOf(AssertionError.class).hasMessageContaining("500");
        assertThat(html.why()).isNull();
        assertThat(error.why()).isEqualTo("Unable to download directories!");
        assertThat(error.isSuccess()).isFalse();
    }

    private static SignedJWT bearer(RecordingProvider.Seen seen) throws Exception {
        String header = seen.header("authorization");
        assertThat(header).startsWith("Bearer ");
        return SignedJWT.parse(header.substring("Bearer ".length()));
    }
}
