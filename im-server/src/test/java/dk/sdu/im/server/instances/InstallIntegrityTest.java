package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallIntegrityTest {
    @TempDir
    Path dir;
    Path jar;

    @BeforeEach
    void install() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(dir.resolve("im-user.jar"), "jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static List<String> problems(Path path) {
        return InstallIntegrity.problems(List.of(new LaunchInput(path, "a test input")));
    }

    @Test
    void rootOwnedFilesWritableByNobodyElseAreAccepted() {
        assumeTrue(FakeInstallation.root(), "needs root: only root can own the files of a safe installation");
        assertThat(problems(jar)).isEmpty();
    }

    @Test
    void aJarWritableByGroupIsRefused() throws Exception {
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(problems(jar)).anySatisfy(p -> assertThat(p).startsWith(jar + " is writable").endsWith("(a test input)"));
    }

    @Test
    void aWritableParentDirectoryIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(problems(jar)).anySatisfy(p -> assertThat(p).startsWith(dir + " is writable")
                .endsWith("(needed for a test input: " + jar + ")"));
    }

    @Test
    void aFileOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root to give a file to another owner");
        FakeInstallation.giveToNobody(jar);
        assertThat(problems(jar)).singleElement().asString().contains("not root; run: chown root: " + jar);
    }

    @Test
    void aLinkOwnedByAnotherUserIsRefusedThoughItsTargetIsSafe() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root to give a link to another owner");
        Path link = Files.createSymbolicLink(dir.resolve("link.jar"), jar);
        var nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        assertThat(problems(link)).singleElement().asString().contains("run: chown -h root: " + link);
    }

    @Test
    void aMissingFileIsReportedNotIgnored() {
        assertThat(problems(dir.resolve("absent.jar"))).singleElement().asString()
                .startsWith(dir.resolve("absent.jar") + " does not exist").contains("a test input");
    }

    @Test
    void aLinkLoopIsReportedNotFollowedForever() throws Exception {
        Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        assertThat(problems(dir.resolve("a"))).singleElement().asString().contains("more than 40 symbolic links");
    }
}
