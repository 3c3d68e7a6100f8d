package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, break 3: before every launch, IM/Server checks exactly what the launcher and the instance will read, as
 * it is then, so changes made after IM/Server started are caught. Real files, real owners (root and nobody).
 */
class SudoLauncherTest {
    @TempDir
    Path base;
    FakeInstallation site;
    SudoLauncher launcher;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: only root can own the files of a safe installation, and give files away");
        site = FakeInstallation.create(base);
        launcher = new SudoLauncher(site.launcher, new SudoGate(Optional::empty, () -> Optional.of(List.of())));
    }

    @Test
    void aCleanInstallationIsAccepted() {
        assertThat(launcher.unsafe()).isEmpty();
    }

    @Test
    void aJarDroppedIntoTheClassPathAfterStartIsRefusedUntilRemoved() throws Exception {
        assertThat(launcher.unsafe()).isEmpty();
        Path dropped = FakeInstallation.giveToNobody(site.file(site.home.resolve("lib/user/zz-evil.jar"), "evil"));
        assertThat(launcher.unsafe()).singleElement().asString()
                .startsWith(dropped + " is owned by uid").contains("chown root: " + dropped).contains("lib/user/*");
        Files.delete(dropped);
        assertThat(launcher.unsafe()).isEmpty();
    }

    @Test
    void aRootOwnedJarAddedAfterStartIsAcceptedAndCheckedFromThenOn() throws Exception {
        Path added = site.file(site.home.resolve("lib/user/added.jar"), "jar");
        assertThat(launcher.unsafe()).isEmpty();
        Files.setPosixFilePermissions(added, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(launcher.unsafe()).singleElement().asString().startsWith(added + " is writable by group or others");
    }

    @Test
    void aJvmInADirectoryTheServiceAccountOwnsIsRefused() throws Exception {
        Path jdk = base.resolve("srv/service-jdk");
        site.file(jdk.resolve("bin/java"), "#!/bin/sh\n");
        site.file(jdk.resolve("lib/modules"), "modules");
        site.file(jdk.resolve("conf/security/java.security"), "");
        FakeInstallation.giveToNobody(jdk);
        site.file(site.home.resolve("etc/java"), jdk.resolve("bin/java") + "\n");
        assertThat(launcher.unsafe())
                .anySatisfy(p -> assertThat(p).startsWith(jdk + " is owned by uid").contains("the JVM the launcher runs"))
                .anySatisfy(p -> assertThat(p).startsWith(jdk.resolve("lib/modules") + " is owned by uid"));
    }

    @Test
    void theJvmNamedInEtcJavaIsCheckedNotThisProcesssOwn() throws Exception {
        Path jdk = base.resolve("usr/lib/jvm/site-jdk");
        site.file(jdk.resolve("bin/java"), "#!/bin/sh\n");
        site.file(jdk.resolve("lib/modules"), "modules");
        Files.createDirectories(jdk.resolve("conf"));
        site.file(site.home.resolve("etc/java"), jdk.resolve("bin/java") + "\n");
        assertThat(launcher.unsafe()).isEmpty();
        Path library = site.file(jdk.resolve("lib/server/libjvm.so"), "elf");
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(launcher.unsafe()).singleElement().asString().startsWith(library + " is writable by group or others")
                .contains("the JVM's runtime in " + jdk);
    }

    @Test
    void aPublicKeyFileInADirectoryTheServiceAccountOwnsIsRefused() throws Exception {
        Path keys = Files.createDirectories(base.resolve("var/lib/ucloud-im"));
        Path key = site.file(keys.resolve("ucloud_key.pub"), "key\n");
        assertThat(launcher.unsafe()).as("config.yml does not name it yet").isEmpty();
        site.writeConfig("publicKeyFile: " + key);
        FakeInstallation.giveToNobody(keys);
        assertThat(launcher.unsafe())
                .anySatisfy(p -> assertThat(p).startsWith(keys + " is owned by uid").contains("core.publicKeyFile"))
                .anySatisfy(p -> assertThat(p).startsWith(key + " is owned by uid"));
    }

    @Test
    void aGroupWritableAncestorIsRefused() throws Exception {
        Path lib = site.home.resolve("lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(launcher.unsafe()).singleElement().asString()
                .startsWith(lib + " is writable by group or others; run: chmod go-w " + lib);
    }

    @Test
    void aSymlinkHopThroughAWritableDirectoryIsRefused() throws Exception {
        Path shared = Files.createDirectories(base.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = site.file(shared.resolve("library.jar"), "jar");
        Files.createSymbolicLink(site.home.resolve("lib/user/library.jar"), target);
        assertThat(launcher.unsafe()).singleElement().asString()
                .startsWith(shared + " is writable by group or others")
                .contains("needed for IM/User's class path, lib/user/*: " + site.home.resolve("lib/user/library.jar"));
    }

    @Test
    void aConfigurationDirectoryNamedThroughAServiceOwnedLinkIsRefused() throws Exception {
        Path links = FakeInstallation.giveToNobody(Files.createDirectories(base.resolve("home/ucloud")));
        Path link = Files.createSymbolicLink(links.resolve("config"), site.configDir);
        site.file(site.home.resolve("etc/config-dir"), link + "\n");
        assertThat(launcher.unsafe()).singleElement().asString().startsWith(links + " is owned by uid")
                .contains("the configuration directory");
    }

    @Test
    void aStickyDirectoryOnTheWayIsAcceptedButNotAsTheClassPathItself() throws Exception {
        Path classPath = site.home.resolve("lib/user");
        chmod("1777", base);
        assertThat(launcher.unsafe()).as("everyone may add to the base, no one may replace its root-owned entries").isEmpty();
        chmod("1777", classPath);
        assertThat(launcher.unsafe()).singleElement().asString().startsWith(classPath + " is writable by group or others");
    }

    /** The JDK cannot set the sticky bit. */
    private static void chmod(String mode, Path path) throws Exception {
        assertThat(new ProcessBuilder("/bin/chmod", mode, path.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void aMissingConfigurationStopsLaunchesAndSaysWhy() throws Exception {
        Files.delete(site.configDir.resolve("config.yml"));
        assertThat(launcher.unsafe())
                .anySatisfy(p -> assertThat(p).startsWith(site.configDir.resolve("config.yml") + " does not exist"))
                .anySatisfy(p -> assertThat(p).startsWith("cannot learn which files " + site.configDir.resolve("config.yml")));
    }

    @Test
    void aFailingSudoCheckStopsLaunches() {
        var refused = new SudoLauncher(site.launcher, new SudoGate(() -> Optional.of("the sudo rule does not let ucloud run"),
                () -> Optional.of(List.of())));
        assertThat(refused.unsafe()).containsExactly("the sudo rule does not let ucloud run");
    }

    @Test
    void theCheckIsCheap() {
        int inputs = new LaunchInputs(site.launcher).now().inputs().size();
        for (int i = 0; i < 200; i++) {
            launcher.unsafe(); // warm up, as a long-running IM/Server is
        }
        long begun = System.nanoTime();
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            launcher.unsafe();
        }
        System.out.println("install check of " + inputs + " inputs: " + (System.nanoTime() - begun) / rounds / 1000 + " µs a launch");
        assertThat(launcher.unsafe()).isEmpty();
    }
}
