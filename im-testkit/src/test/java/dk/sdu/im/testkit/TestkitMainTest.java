package dk.sdu.im.testkit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jwt.SignedJWT;
import dk.sdu.im.testkit.client.RecordingProvider;
import dk.sdu.im.testkit.core.FakeCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestkitMainTest {
    @Test
    void argumentsHaveDefaultsAndRequireStateDir() {
        TestkitArgs args = TestkitArgs.parse(List.of("--state-dir", "/tmp/x"));

        assertThat(args).isEqualTo(new TestkitArgs(0, "dev", Path.of("/tmp/x"), null));
        assertThatThrownBy(() -> TestkitArgs.parse(List.of())).hasMessageContaining("--state-dir");
        assertThatThrownBy(() -> TestkitArgs.parse(List.of("--state-dir", "a", "--bogus", "1")))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> TestkitArgs.parse(List.of("--state-dir", "a", "--port"))).hasMessageContaining("--port");
        assertThatThrownBy(() -> TestkitArgs.parse(List.of("--state-dir", "a", "--port", "70000")))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> TestkitArgs.parse(List.of("--state-dir", "a", "--state-dir", "b")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> TestkitArgs.parse(List.of("--state-dir", "a", "--provider-url", "ftp://x")))
                .hasMessageContaining("--provider-url");
    }

    @Test
    void startWritesStateFilesWithTheirModesAndAnnouncesTheAddress(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path state = dir.resolve("state");

        try (FakeCore core = TestkitMain.start(new TestkitArgs(0, "dev", state, null), new PrintStream(out, true))) {
            String token = Files.readString(state.resolve("refresh-token"));
            assertThat(token).matches("[0-9a-f]{64}");
            assertThat(Files.readString(state.resolve("ucloud_key.pub"))).isEqualTo(core.provider("dev").publicKeyBase64() + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("refresh-token"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("ucloud_key.pub"))))
                    .isEqualTo("rw-r--r--");
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("testkit core listening on " + core.baseUri() + System.lineSeparator());
            assertThat(core.baseUri().toString()).matches("http://127\\.0\\.0\\.1:[0-9]+");
            assertThat(refresh(core.baseUri(), token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void proxyForwardsToTheProviderWithCoreCredentials(@TempDir Path dir) throws Exception {
        try (RecordingProvider provider = new RecordingProvider().replyWith(201, "{\"redirectTo\":\"x\"}", true);
             FakeCore core = TestkitMain.start(new TestkitArgs(0, "dev", dir, provider.baseUri()),
                     new PrintStream(new ByteArrayOutputStream()));
             HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(
                            core.baseUri().resolve("/_testkit/provider/ucloud/dev/files/folder?a=1&asUser=alice%231234"))
                    .header("Authorization", "Bearer garbage").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[]}")).build();

            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(JsonMapper.builder().build().readTree(response.body()).get("redirectTo").asText()).isEqualTo("x");
            var seen = provider.last();
            assertThat(seen.path()).isEqualTo("/ucloud/dev/files/folder");
            assertThat(seen.rawQuery()).isEqualTo("a=1");
            assertThat(seen.body()).isEqualTo("{\"items\":[]}");
            assertThat(seen.headers()).doesNotContainKey("content-type");
            assertThat(seen.header("ucloud-username")).isEqualTo("YWxpY2UjMTIzNA==");
            var claims = SignedJWT.parse(seen.header("authorization").substring(7)).getJWTClaimsSet();
            assertThat(claims.getClaims()).as("signed as today's Core signs it").doesNotContainKey("ucloudUser");
            assertThat(claims.getSubject()).isEqualTo("_UCloud");
        }
    }

    @Test
    void proxyMakesSystemCallsWhenNoUserIsNamed(@TempDir Path dir) throws Exception {
        try (RecordingProvider provider = new RecordingProvider();
             FakeCore core = TestkitMain.start(new TestkitArgs(0, "dev", dir, provider.baseUri()),
                     new PrintStream(new ByteArrayOutputStream()));
             HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(core.baseUri().resolve("/_testkit/provider/ucloud/dev/jobs/retrieveProducts"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            var seen = provider.last();
            assertThat(seen.method()).isEqualTo("GET");
            assertThat(seen.headers()).doesNotContainKey("ucloud-username");
            assertThat(SignedJWT.parse(seen.header("authorization").substring(7)).getJWTClaimsSet().getClaims())
                    .doesNotContainKey("ucloudUser");
        }
    }

    private static HttpResponse<String> refresh(URI base, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(base.resolve("/auth/providers/refresh"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"refreshToken\":\"" + token + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
