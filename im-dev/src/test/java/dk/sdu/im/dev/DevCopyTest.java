package dk.sdu.im.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root, dev runs a root-owned copy of the distribution wherever the checkout lives, and says in one line when the
 * copy's directory would not do; each run's sudo rule file is its own.
 */
class DevCopyTest {
    @TempDir
    Path base;

    @Test
    void aCheckoutTheServiceAccountCannotEnterIsCopiedRootOwnedAndReadableWithoutItsConfigDir() throws Exception {
        assumeTrue(DevAccounts.runningAsRoot(), "needs root: the copy is root's and the checkout another user's");
        Path checkout = Files.createDirectories(base.resolve("private/checkout/ucloud-im"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.createDirectories(checkout.resolve("lib/user"));
        Files.createDirectories(checkout.resolve("etc"));
        Files.writeString(checkout.resolve("bin/ucloud-im"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(checkout.resolve("bin/ucloud-im"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.writeString(checkout.resolve("lib/user/im-user.jar"), "jar");
        Files.setPosixFilePermissions(checkout.resolve("lib/user/im-user.jar"), PosixFilePermissions.fromString("rw-rw----"));
        Files.writeString(checkout.resolve("etc/config-dir"), "/tmp/ucloud-im-dev.1/etc\n");
        giveToNobody(base.resolve("private"));
        Files.setPosixFilePermissions(base.resolve("private"), PosixFilePermissions.fromString("rwx------"));

        Path copy = base.resolve("run/dist");
        DevCopy.copy(checkout, copy);

        assertThat(copy.resolve("etc/config-dir")).as("the build's etc/config-dir is never carried along").doesNotExist();
        assertThat(Files.getPosixFilePermissions(copy.resolve("bin/ucloud-im"))).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(copy.resolve("lib/user/im-user.jar"))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path path : all.toList()) {
                assertThat((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(path.toString()).isZero();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .matches("r.-r.-r.-|rwxr-xr-x");
            }
        }
    }

    @Test
    void aDirectoryOnTheWayThatIsNotRootsOrThatTheServiceAccountCannotEnterIsNamedInOneLine() throws Exception {
        assumeTrue(DevAccounts.runningAsRoot(), "needs root: gives a directory to another user");
        Path run = Files.createDirectories(base.resolve("a/b/run"));
        for (Path dir : new Path[] {base, base.resolve("a"), base.resolve("a/b"), run}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(DevCopy.problem(run)).as("every directory root's and enterable, as below /tmp").isEmpty();

        Files.setPosixFilePermissions(base.resolve("a"), PosixFilePermissions.fromString("rwx------"));
        assertThat(DevCopy.problem(run)).hasValue(base.resolve("a") + " cannot be entered by others (mode 700), so the"
                + " service account could not read the copy");

        Files.setPosixFilePermissions(base.resolve("a"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(DevCopy.problem(run)).hasValue(base.resolve("a") + " is writable by group or others and not sticky");

        Files.setPosixFilePermissions(base.resolve("a"), PosixFilePermissions.fromString("rwxr-xr-x"));
        giveToNobody(base.resolve("a/b"));
        assertThat(DevCopy.problem(run)).hasValueSatisfying(line -> assertThat(line)
                .startsWith(base.resolve("a/b") + " is owned by uid ").endsWith(", not root"));
    }

    @Test
    void theTemporaryDirectoryOfThisMachineTakesTheCopy() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assumeTrue(Files.getAttribute(tmp, "unix:uid").equals(0), "the temporary directory " + tmp + " is not root's here");

        assertThat(DevCopy.problem(tmp)).isEmpty();
    }

    @Test
    void eachRunHasARuleFileOfItsOwnThatSudoReads() {
        Path one = DevSudo.ruleFor(Path.of("/tmp/ucloud-im-dev.6017254703980252953"));
        Path two = DevSudo.ruleFor(Path.of("/tmp/ucloud-im-dev.42"));

        assertThat(one).isEqualTo(Path.of("/etc/sudoers.d/ucloud-im-dev-6017254703980252953")).isNotEqualTo(two);
        assertThat(one.getFileName().toString()).as("sudo skips names with a dot or ending in ~").doesNotContain(".").doesNotEndWith("~");
        assertThat(one).isNotEqualTo(Path.of("/etc/sudoers.d/ucloud-im")).isNotEqualTo(Path.of("/etc/sudoers.d/ucloud-im-systest"));
    }

    private static void giveToNobody(Path path) throws Exception {
        UserPrincipal nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> entries = Files.walk(path)) {
            for (Path entry : entries.toList()) {
                Files.setOwner(entry, nobody);
            }
        }
    }
}
