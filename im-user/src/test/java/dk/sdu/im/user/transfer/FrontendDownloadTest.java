package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadEndpointTest.UNKNOWN_LINK;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.browser.DownloadResult;
import dk.sdu.im.testkit.browser.DownloadSink;
import dk.sdu.im.testkit.browser.FrontendDownload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, downloads: a download opened by the frontend's own URL ({@code normalizeDownloadEndpoint} appends a
 * standard-base64 {@code usernameHint} to the endpoint {@code files/download} handed out) is served, whole and with
 * Range; a hint naming anyone else is the 404 of an unknown link.
 */
class FrontendDownloadTest {
    /** Standard base64 {@code w7/Dvj8+IzE=}: the frontend sends '/', '+' and '=' raw. */
    private static final String AWKWARD_USER = "\u00ff\u00fe?>#1";

    @TempDir
    Path temp;
    private FrontendFixture t;
    private byte[] content;

    private void start(String user) throws Exception {
        t = new FrontendFixture(temp, user);
        content = DownloadFixture.randomBytes(300_000);
        t.instance.file("data/big.bin", content);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void theEndpointHandedOutCarriesTheTokenAloneSoTheFrontendsUrlNamesTheUserOnce() throws Exception {
        start("alice#1234");
        String endpoint = t.downloadEndpoint("/12/data/big.bin");

        assertThat(endpoint).matches("https://slurm\\.example\\.org/ucloud/slurm/download\\?token=[A-Za-z0-9_-]{43}");
        assertThat(FrontendDownload.normalize(endpoint, "alice#1234")).isEqualTo(endpoint + "&usernameHint=YWxpY2UjMTIzNA==");
    }

    @Test
    void theFrontendsUrlServesTheWholeFileAndARange() throws Exception {
        start("alice#1234");
        String endpoint = t.downloadEndpoint("/12/data/big.bin");

        assertWholeAndRange(endpoint);
    }

    @Test
    void aUserWhoseStandardBase64HasPlusSlashAndPaddingIsServedByTheFrontendsUrl() throws Exception {
        start(AWKWARD_USER);
        String endpoint = t.downloadEndpoint("/12/data/big.bin");
        assertThat(FrontendDownload.normalize(endpoint, AWKWARD_USER)).endsWith("&usernameHint=w7/Dvj8+IzE=");

        assertWholeAndRange(endpoint);
    }

    @Test
    void anEndpointThatAlreadyNamesTheUserStillWorksWithTheFrontendsHintAdded() throws Exception {
        start(AWKWARD_USER);
        String named = t.downloadEndpoint("/12/data/big.bin") + "&usernameHint="
                + Base64.getUrlEncoder().encodeToString(AWKWARD_USER.getBytes(StandardCharsets.UTF_8));

        DownloadResult result = t.download.open(named, new DownloadSink.ToDigest("SHA-256"));

        assertThat(result.status()).as(result.errorBody()).isEqualTo(200);
        assertThat(result.digestHex()).isEqualTo(sha256(content));
    }

    @Test
    void aHintNamingAnotherUserIsRefusedWithTheUnknownLinkError() throws Exception {
        start("alice#1234");
        String endpoint = t.downloadEndpoint("/12/data/big.bin");
        String alicesOwnHint = endpoint + "&usernameHint="
                + Base64.getUrlEncoder().encodeToString("alice#1234".getBytes(StandardCharsets.UTF_8));

        try (var bob = new FrontendDownload("bob#5678", t.reach, FrontendFixture.TIMEOUT)) {
            for (String refused : new String[] {endpoint, alicesOwnHint}) {
                DownloadResult result = bob.open(refused, new DownloadSink.Discard());
                assertThat(result.status()).as(refused).isEqualTo(404);
                assertThat(result.errorBody()).contains(UNKNOWN_LINK);
            }
        }
        DownloadResult forged = t.download.open(endpoint.replaceFirst("token=.*", "token=" + "A".repeat(43)), new DownloadSink.Discard());
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.errorBody()).contains(UNKNOWN_LINK);
    }

    private void assertWholeAndRange(String endpoint) throws Exception {
        DownloadResult whole = t.download.open(endpoint, new DownloadSink.ToDigest("SHA-256"));
        assertThat(whole.status()).as(whole.errorBody()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(content.length);
        assertThat(whole.digestHex()).isEqualTo(sha256(content));

        DownloadResult part = t.download.open(endpoint, "bytes=1000-1999", new DownloadSink.ToDigest("SHA-256"));
        assertThat(part.status()).as(part.errorBody()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 1000-1999/" + content.length);
        assertThat(part.digestHex()).isEqualTo(sha256(Arrays.copyOfRange(content, 1000, 2000)));

        Path saved = temp.resolve("saved.bin");
        DownloadResult resumed = t.download.open(endpoint, "bytes=200000-", new DownloadSink.ToFile(saved));
        assertThat(resumed.status()).isEqualTo(206);
        assertThat(Files.readAllBytes(saved)).isEqualTo(Arrays.copyOfRange(content, 200_000, content.length));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
