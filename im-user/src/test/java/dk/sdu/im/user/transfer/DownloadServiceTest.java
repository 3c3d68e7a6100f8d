package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadFixture.ALICE;
import static dk.sdu.im.user.transfer.DownloadFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dk.sdu.im.api.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 3.4.5: createDownload checks the file and hands out a capability URL bound to it. */
class DownloadServiceTest {
    @TempDir
    Path temp;
    DownloadFixture t;

    @BeforeEach
    void drive() throws Exception {
        t = new DownloadFixture(temp);
        t.file("docs/report.pdf", "pdf".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void endpointIsTheDownloadRouteWithTheTokenAloneForTheFrontendToAddItsHint() {
        URI endpoint = URI.create(t.endpoint("/12/docs/report.pdf"));

        assertThat(endpoint.getScheme() + "://" + endpoint.getAuthority()).isEqualTo("https://slurm.example.org");
        assertThat(endpoint.getPath()).isEqualTo("/ucloud/slurm/download");
        assertThat(endpoint.getRawQuery()).matches("token=[A-Za-z0-9_-]{43}");
    }

    @Test
    void publicUrlMayHaveAPathAndATrailingSlash() {
        var service = new DownloadService(t.tokens, t.clock, URI.create("https://hpc.example.org:8443/im/"), "slurm");

        assertThat(service.createDownload(t.drive, "/12/docs/report.pdf", ALICE).endpoint())
                .startsWith("https://hpc.example.org:8443/im/ucloud/slurm/download?token=");
        assertThat(service.downloadPath()).isEqualTo("/ucloud/slurm/download");
    }

    @Test
    void tokenIsBoundToTheUserTheFileAndDownloadingForTheDefaultTenMinutes() {
        String token = DownloadFixture.token(t.endpoint("/12/docs/report.pdf/"));

        Capability capability = t.tokens.redeem(token, Operation.DOWNLOAD).orElseThrow();
        assertThat(capability).isEqualTo(new Capability(ALICE, "/12/docs/report.pdf",
                t.root.resolve("docs/report.pdf"), Operation.DOWNLOAD, START.plus(Duration.ofMinutes(10))));
    }

    @Test
    void lifetimeIsConfigurable() {
        var service = new DownloadService(t.tokens, t.clock, URI.create(DownloadFixture.PUBLIC_URL), "slurm", Duration.ofSeconds(30));
        String token = DownloadFixture.token(service.createDownload(t.drive, "/12/docs/report.pdf", ALICE).endpoint());

        t.clock.advance(Duration.ofSeconds(29));
        assertThat(t.tokens.redeem(token, Operation.DOWNLOAD)).isPresent();
        t.clock.advance(Duration.ofSeconds(1));
        assertThat(t.tokens.redeem(token, Operation.DOWNLOAD)).isEmpty();
    }

    @Test
    void symlinkInsideTheDriveIsNotFollowed() throws Exception {
        Files.createSymbolicLink(t.root.resolve("latest.pdf"), Path.of("docs/report.pdf"));
        Files.createSymbolicLink(t.root.resolve("documents"), Path.of("docs"));

        for (String link : new String[] {"/12/latest.pdf", "/12/documents/report.pdf"}) {
            ApiException error = failure(() -> t.endpoint(link));
            assertThat(error.status()).isEqualTo(403);
            assertThat(error.why()).contains("is a symbolic link");
        }
    }

    /** Issue 13, break 2: a name that is not UTF-8 is downloaded from its own file, not from a look-alike. */
    @Test
    void aNameThatIsNotUtf8IsDownloadedFromItsOwnFile() throws Exception {
        Files.writeString(Path.of(URI.create(t.root.toUri() + "docs/bad%FFutf8")), "ff");
        Files.writeString(t.root.resolve("docs/bad\uFFFDutf8"), "fffd");

        String endpoint = t.endpoint("/12/docs/bad\uFFFDFFutf8");
        try (DownloadService.ServedFile served = t.service.open(DownloadFixture.token(endpoint), dk.sdu.im.api.rpc.UsernameHints.NONE)) {
            assertThat(served.file().size()).isEqualTo(2);
            assertThat(served.name()).isEqualTo("bad\uFFFDFFutf8");
        }
        assertThat(failure(() -> t.endpoint("/12/docs/bad\uFFFDutf8")).status()).isEqualTo(400);
    }

    @Test
    void directoryIsRefusedWith400() {
        ApiException error = failure(() -> t.endpoint("/12/docs"));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).startsWith("Directories cannot be downloaded; ").endsWith("/12/docs");
        assertThat(failure(() -> t.endpoint("/12")).status()).isEqualTo(400);
    }

    @Test
    void missingFileIsRefusedWith404() {
        ApiException error = failure(() -> t.endpoint("/12/docs/nothing.pdf"));

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).contains("/12/docs/nothing.pdf").doesNotContain(t.root.toString());
    }

    @Test
    void pathsOutsideTheDriveAreRefused() throws Exception {
        Files.writeString(t.base.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(t.root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(t.root.resolve("secret.txt"), t.base.resolve("secret.txt"));

        assertThat(failure(() -> t.endpoint("/12/passwd")).status()).isEqualTo(403);
        assertThat(failure(() -> t.endpoint("/12/secret.txt")).status()).isEqualTo(403);
        assertThat(failure(() -> t.endpoint("/12/../secret.txt")).status()).isEqualTo(400);
        assertThat(failure(() -> t.endpoint("/13/docs/report.pdf")).status()).isEqualTo(403);
        assertThat(t.tokens.size()).isZero();
    }

    @Test
    void fileTheUserCannotReadIsRefusedWith403() throws Exception {
        Path file = t.file("locked.bin", new byte[] {1});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "runs as root: permission bits do not apply");

        ApiException error = failure(() -> t.endpoint("/12/locked.bin"));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/locked.bin");
    }

    @Test
    void badConfigurationIsRefusedAtConstruction() {
        var tokens = new CapabilityTokens(t.clock, new SecureRandom());
        assertThatThrownBy(() -> new DownloadService(tokens, t.clock, URI.create("/relative"), "slurm"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DownloadService(tokens, t.clock, URI.create("https://x.org"), "../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DownloadService(tokens, t.clock, URI.create("https://x.org"), "slurm", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ApiException failure(ThrowingCallable call) {
        ApiException error = catchThrowableOfType(ApiException.class, call);
        if (error == null) {
            throw new AssertionError("expected an ApiException");
        }
        return error;
    }
}
