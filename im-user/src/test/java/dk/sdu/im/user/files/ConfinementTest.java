package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.TestDrive.failure;
import static dk.sdu.im.user.files.TestDrive.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN 4.8: paths given by UCloud never reach outside the drive's root. */
class ConfinementTest {
    @TempDir
    Path temp;
    TestDrive t;
    PathResolver resolver;

    @BeforeEach
    void drive() throws Exception {
        t = new TestDrive(temp);
        resolver = new PathResolver(t.drive);
        t.file("sub/inner.txt", 3);
        Files.createDirectory(t.base.resolve("outside"));
        Files.writeString(t.base.resolve("outside/secret.txt"), "secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/12/..", "/12/../12/sub", "/12/../../etc", "/12/sub/../../outside", "/12/./sub",
            "/..", "/12//sub", "//12/sub", "/", "12/sub", "sub", "/12/sub\u0000/x", "/12/a\nb", "/12/\u007f",
            "/12/\ud800"})
    void malformedPathsAreRefusedWith400(String path) {
        ApiException error = failure(() -> resolver.resolveExisting(path));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).doesNotContain(t.root.toString());
    }

    @Test
    void controlCharactersAreNotEchoedBack() {
        assertThat(failure(() -> t.browse("/12/a\u0000b")).why()).isEqualTo("A path must not contain control characters");
    }

    @Test
    void pathLongerThan4096BytesIsRefused() {
        String longPath = "/12" + "/abcdefgh".repeat(456);
        assertThat(failure(() -> t.browse(longPath)).why()).contains("4096 bytes");
        String multiByte = "/12/" + "\u00e9".repeat(100) + ("/" + "\u00e9".repeat(100)).repeat(20);
        assertThat(failure(() -> t.browse(multiByte)).status()).isEqualTo(400);
    }

    @Test
    void nameLongerThan255BytesIsRefused() {
        assertThat(failure(() -> t.retrieve("/12/" + "a".repeat(256))).why()).contains("255 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/13/sub", "/120", "/1", "/etc/passwd", "/home"})
    void anotherDrivesPathIsForbidden(String path) {
        ApiException error = failure(() -> t.browse(path));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).startsWith("Not one of your drives");
    }

    @Test
    void trailingSlashIsAllowed() {
        assertThat(ids(t.browse("/12/sub/").items())).containsExactly("/12/sub/inner.txt");
        assertThat(ids(t.browse("/12/").items())).containsExactly("/12/sub");
    }

    @Test
    void symlinkToEtcCanNeitherBeListedIntoNorRetrieved() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), Path.of("/etc"));
        for (ApiException error : new ApiException[] {failure(() -> t.browse("/12/etc")),
                failure(() -> t.retrieve("/12/etc")), failure(() -> t.retrieve("/12/etc/passwd")),
                failure(() -> t.browse("/12/etc/no-such-folder"))}) {
            assertThat(error.status()).isEqualTo(403);
            assertThat(error.why()).contains("/12/etc").contains("outside the drive").doesNotContain(t.base.toString());
        }
    }

    @Test
    void symlinkOutOfTheDriveIsListedAsAnEmptyFile() throws Exception {
        Files.createSymbolicLink(t.root.resolve("secret"), t.base.resolve("outside/secret.txt"));
        Files.createSymbolicLink(t.root.resolve("etc"), Path.of("/etc"));
        ProviderFile etc = t.browse("/12").items().stream().filter(f -> f.id().equals("/12/etc")).findFirst().orElseThrow();
        ProviderFile secret = t.browse("/12").items().stream().filter(f -> f.id().equals("/12/secret")).findFirst().orElseThrow();
        assertThat(etc.status().type()).isEqualTo("FILE");
        assertThat(etc.status().sizeInBytes()).isZero();
        assertThat(secret.status().type()).isEqualTo("FILE");
        assertThat(secret.status().sizeInBytes()).isZero();
    }

    @Test
    void symlinkChainLeavingTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(t.root.resolve("last"), Path.of("../outside"));
        Files.createSymbolicLink(t.root.resolve("sub/middle"), Path.of("../last"));
        Files.createSymbolicLink(t.root.resolve("first"), Path.of("sub/middle"));
        assertThat(failure(() -> t.browse("/12/first")).status()).isEqualTo(403);
        assertThat(failure(() -> t.retrieve("/12/first/secret.txt")).status()).isEqualTo(403);
        assertThat(failure(() -> t.retrieve("/12/sub/middle")).status()).isEqualTo(403);
    }

    @Test
    void siblingWhoseNameStartsWithTheRootsNameIsOutside() throws Exception {
        Files.createDirectory(t.base.resolve("123"));
        Files.createSymbolicLink(t.root.resolve("sibling"), Path.of("../123"));
        assertThat(failure(() -> t.browse("/12/sibling")).status()).isEqualTo(403);
    }

    @Test
    void symlinkWithinTheRootIsFollowed() throws Exception {
        Files.createSymbolicLink(t.root.resolve("shortcut"), Path.of("sub"));
        Files.createSymbolicLink(t.root.resolve("sub/up"), Path.of("../shortcut/inner.txt"));
        assertThat(ids(t.browse("/12/shortcut").items())).containsExactly("/12/shortcut/inner.txt", "/12/shortcut/up");
        ProviderFile shortcut = t.retrieve("/12/shortcut");
        assertThat(shortcut.id()).isEqualTo("/12/shortcut");
        assertThat(shortcut.status().type()).isEqualTo("DIRECTORY");
        ProviderFile up = t.retrieve("/12/sub/up");
        assertThat(up.status().type()).isEqualTo("FILE");
        assertThat(up.status().sizeInBytes()).isEqualTo(3);
        assertThat(t.browse("/12").items()).filteredOn(f -> f.id().equals("/12/shortcut"))
                .singleElement().satisfies(f -> assertThat(f.status().type()).isEqualTo("DIRECTORY"));
    }

    @Test
    void danglingSymlinkIsNotFound() throws Exception {
        Files.createSymbolicLink(t.root.resolve("dangling"), Path.of("nothing-here"));
        ApiException error = failure(() -> t.retrieve("/12/dangling"));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/dangling");
    }

    @Test
    void symlinkLoopIsNotFound() throws Exception {
        Files.createSymbolicLink(t.root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(t.root.resolve("b"), Path.of("a"));
        assertThat(failure(() -> t.browse("/12/a")).status()).isEqualTo(404);
    }

    @Test
    void resolvedPathIsTheRealPathInsideTheRoot() throws Exception {
        assertThat(resolver.resolveExisting("/12/sub/inner.txt")).isEqualTo(t.root.resolve("sub/inner.txt"));
        assertThat(resolver.resolveExisting("/12")).isEqualTo(t.root);
    }

    @Test
    void localPathsMapBackToUCloudPaths() {
        assertThat(resolver.toUCloudPath(t.root)).isEqualTo("/12");
        assertThat(resolver.toUCloudPath(t.root.resolve("sub/inner.txt"))).isEqualTo("/12/sub/inner.txt");
        assertThatThrownBy(() -> resolver.toUCloudPath(t.base.resolve("outside"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.toUCloudPath(t.root.resolve("../outside"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void driveRootNeedsANumericIdAndAnAbsoluteNormalisedPath() {
        assertThatThrownBy(() -> new DriveRoot("../12", t.root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriveRoot("", t.root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriveRoot("12", Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriveRoot("12", t.root.resolve("../12"))).isInstanceOf(IllegalArgumentException.class);
    }
}
