package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private static boolean root() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    @Test
    void rootOwnedFilesWritableByNobodyElseAreAccepted() {
        assumeTrue(root(), "needs root: only root can own the files of a safe installation");
        assertThat(InstallIntegrity.problems(List.of(jar))).isEmpty();
    }

    @Test
    void aJarWritableByGroupIsRefused() throws Exception {
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(InstallIntegrity.problems(List.of(jar))).anySatisfy(p -> assertThat(p).contains(jar + " is writable"));
    }

    @Test
    void aWritableParentDirectoryIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(InstallIntegrity.problems(List.of(jar))).anySatisfy(p -> assertThat(p).startsWith(dir + " is writable"));
    }

    @Test
    void aFileOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(root(), "needs root to give a file to another owner");
        var nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(jar, nobody);
        assertThat(InstallIntegrity.problems(List.of(jar))).anySatisfy(p -> assertThat(p).contains("not root"));
    }

    @Test
    void aMissingFileIsReportedNotIgnored() {
        assertThat(InstallIntegrity.problems(List.of(dir.resolve("absent.jar"))))
                .anySatisfy(p -> assertThat(p).contains("absent.jar").contains("cannot be checked"));
    }
}
