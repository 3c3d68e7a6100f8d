package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.RecordingProvider;
import dk.sdu.im.testkit.core.CoreTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code normalizeDownloadEndpoint} and the GET that follows it, as the frontend does them. */
class FrontendDownloadTest {
    /** Core's tokens with a key of their own; immutable. */
    private static final CoreTokens TOKENS = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());
    /** Standard base64 {@code w7/Dvj8+IzE=}: a '/', a '+' and padding, none of them percent-encoded by the frontend. */
    private static final String USER = "\u00ff\u00fe?>#1";
    private static final String HINT = "usernameHint=w7/Dvj8+IzE=";

    private final RecordingHttpPeer peer = new RecordingHttpPeer((index, seen, exchange) ->
            RecordingHttpPeer.reply(exchange, 206, "abc".getBytes(StandardCharsets.UTF_8)));
    private final FrontendDownload frontend = new FrontendDownload(USER, BrowserReach.asIs(), Duration.ofSeconds(5));

    FrontendDownloadTest() throws Exception {
    }

    @AfterEach
    void stop() {
        frontend.close();
        peer.close();
    }

    @Test
    void normalizingAppendsTheStandardBase64HintUnencodedAfterAmpersandOrQuestionMark() {
        assertThat(FrontendDownload.normalize("https://p.example/ucloud/slurm/download?token=t", USER))
                .isEqualTo("https://p.example/ucloud/slurm/download?token=t&" + HINT);
        assertThat(FrontendDownload.normalize("https://p.example/ucloud/slurm/download", USER))
                .isEqualTo("https://p.example/ucloud/slurm/download?" + HINT);
        assertThat(FrontendDownload.normalize("https://p.example/d?token=t&usernameHint=w7_Dvj8-IzE=", USER))
                .as("whatever the endpoint already carries").isEqualTo("https://p.example/d?token=t&usernameHint=w7_Dvj8-IzE=&" + HINT);
    }

    @Test
    void opensTheNormalizedUrlExactlyAsBuiltWithTheRangeAndNoCredentials() {
        DownloadResult result = frontend.open(peer.url("/ucloud/slurm/download?token=t"), "bytes=2-", new DownloadSink.Discard());

        assertThat(result.status()).isEqualTo(206);
        assertThat(peer.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("GET");
            assertThat(seen.pathAndQuery()).isEqualTo("/ucloud/slurm/download?token=t&" + HINT);
            assertThat(seen.header("range")).isEqualTo("bytes=2-");
            assertThat(seen.headers()).doesNotContainKeys("authorization", "cookie", "ucloud-username");
        });
    }

    @Test
    void theEndpointComesFromFilesDownloadAsCoreForwardsIt() throws Exception {
        JsonNode drive = JsonMapper.builder().build().readTree("{\"id\":\"12\"}");
        try (var provider = new RecordingProvider();
             var core = new ProviderClient(provider.baseUri(), "slurm", TOKENS)) {
            provider.replyWith(200, "{\"responses\":[{\"endpoint\":\"https://p.example/ucloud/slurm/download?token=t\"}]}", false);

            assertThat(FrontendDownload.endpoint(core.asUser(USER), drive, "/12/a.txt"))
                    .isEqualTo("https://p.example/ucloud/slurm/download?token=t");
            assertThat(provider.last().path()).isEqualTo("/ucloud/slurm/files/download");
            assertThat(provider.last().body()).isEqualTo("{\"items\":[{\"id\":\"/12/a.txt\",\"resolvedCollection\":{\"id\":\"12\"}}]}");

            provider.replyWith(404, "{\"why\":\"no\"}", false);
            assertThatThrownBy(() -> FrontendDownload.endpoint(core.asUser(USER), drive, "/12/a.txt"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("404");
        }
    }
}
