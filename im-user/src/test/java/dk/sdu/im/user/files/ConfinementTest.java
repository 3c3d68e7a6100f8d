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
        ApiException error = failure(() -> resolver.find(path));
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

    private static void refusedAsLink(ApiException error, String link, TestDrive t) {
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: " + link + " is a symbolic link, and file calls do not "
                + "follow links").doesNotContain(t.base.toString());
    }

    @Test
    void symlinkToEtcCannotBeListedIntoAndIsRetrievedAsTheLinkItself() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), Path.of("/etc"));
        for (ApiException error : new ApiException[] {failure(() -> t.browse("/12/etc")),
                failure(() -> t.retrieve("/12/etc/passwd")), failure(() -> t.browse("/12/etc/no-such-folder")),
                failure(() -> resolver.find("/12/etc"))}) {
            refusedAsLink(error, "/12/etc", t);
        }
        ProviderFile etc = t.retrieve("/12/etc");
        assertThat(etc.status().type()).isEqualTo("FILE");
        assertThat(etc.status().sizeInBytes()).isZero();
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
    void symlinkChainLeavingTheRootIsRefusedAtItsFirstLink() throws Exception {
        Files.createSymbolicLink(t.root.resolve("last"), Path.of("../outside"));
        Files.createSymbolicLink(t.root.resolve("sub/middle"), Path.of("../last"));
        Files.createSymbolicLink(t.root.resolve("first"), Path.of("sub/middle"));
        refusedAsLink(failure(() -> t.browse("/12/first")), "/12/first", t);
        refusedAsLink(failure(() -> t.retrieve("/12/first/secret.txt")), "/12/first", t);
        refusedAsLink(failure(() -> t.browse("/12/sub/middle")), "/12/sub/middle", t);
    }

    @Test
    void siblingWhoseNameStartsWithTheRootsNameIsOutside() throws Exception {
        Files.createDirectory(t.base.resolve("123"));
        Files.createSymbolicLink(t.root.resolve("sibling"), Path.of("../123"));
        assertThat(failure(() -> t.browse("/12/sibling")).status()).isEqualTo(403);
    }

    /**
     * A link that stays inside the drive is not followed either (issue 13): following it means resolving its target
     * by path, and that path can be swapped between the check and the use. It is listed and retrieved as itself.
     */
    @Test
    void symlinkWithinTheRootIsNotFollowedEither() throws Exception {
        Files.createSymbolicLink(t.root.resolve("shortcut"), Path.of("sub"));
        Files.createSymbolicLink(t.root.resolve("sub/up"), Path.of("../shortcut/inner.txt"));
        refusedAsLink(failure(() -> t.browse("/12/shortcut")), "/12/shortcut", t);
        refusedAsLink(failure(() -> t.retrieve("/12/shortcut/inner.txt")), "/12/shortcut", t);
        for (ProviderFile link : new ProviderFile[] {t.retrieve("/12/shortcut"), t.retrieve("/12/sub/up")}) {
            assertThat(link.status().type()).isEqualTo("FILE");
            assertThat(link.status().sizeInBytes()).isZero();
        }
        assertThat(t.browse("/12").items()).filteredOn(f -> f.id().equals("/12/shortcut"))
                .singleElement().satisfies(f -> assertThat(f.status().type()).isEqualTo("FILE"));
        assertThat(ids(t.browse("/12/sub").items())).containsExactly("/12/sub/inner.txt", "/12/sub/up");
    }

    @Test
    void danglingSymlinkIsRetrievedAsTheLinkAndCannotBeOpened() throws Exception {
        Files.createSymbolicLink(t.root.resolve("dangling"), Path.of("nothing-here"));
        assertThat(t.retrieve("/12/dangling").status().type()).isEqualTo("FILE");
        refusedAsLink(failure(() -> t.browse("/12/dangling")), "/12/dangling", t);
        refusedAsLink(failure(() -> t.retrieve("/12/dangling/x")), "/12/dangling", t);
    }

    @Test
    void symlinkLoopIsRefusedAsALink() throws Exception {
        Files.createSymbolicLink(t.root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(t.root.resolve("b"), Path.of("a"));
        refusedAsLink(failure(() -> t.browse("/12/a")), "/12/a", t);
    }

    @Test
    void foundPathIsThePathInsideTheRoot() throws Exception {
        assertThat(resolver.find("/12/sub/inner.txt").local()).isEqualTo(t.root.resolve("sub/inner.txt"));
        assertThat(resolver.find("/12").local()).isEqualTo(t.root);
        assertThat(resolver.find("/12/sub/").ucloudPath()).isEqualTo("/12/sub");
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
