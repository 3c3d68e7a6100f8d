package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.config.ConfigDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher script (run with a stand-in JVM that prints its arguments) reads the configuration directory
 * every command reads ({@link ConfigDirectory}), and IM/Server says in one line when the launcher reads another.
 */
class LauncherConfigDirTest {
    @TempDir
    Path base;

    @Test
    void theLauncherReadsTheDirectoryEveryCommandReads() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: the installation is root's");
        var site = FakeInstallation.create(base);
        printingJava(site);
        for (String content : new String[] {site.configDir + "\n", "  " + site.configDir + "  \nsecond line\n", "srv/im-etc\n"}) {
            site.file(site.home.resolve("etc/config-dir"), content);
            assertThat(launchersConfigDir(site)).as(content).isEqualTo(ConfigDirectory.of(site.home).directory());
        }
        Files.delete(site.home.resolve("etc/config-dir"));
        assertThat(launchersConfigDir(site)).isEqualTo(ConfigDirectory.DEFAULT).isEqualTo(ConfigDirectory.of(site.home).directory());
    }

    @Test
    void theSameDirectoryIsNoProblemAnotherIsOneLineNamingTheFix() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: the installation is root's");
        var site = FakeInstallation.create(base);

        assertThat(LauncherConfigDir.mismatch(site.configDir, site.launcher)).isEmpty();
        Path other = base.resolve("tmp/ucloud-im-dev.1/etc");
        site.file(site.home.resolve("etc/config-dir"), other + "\n");
        var problem = LauncherConfigDir.mismatch(site.configDir, site.launcher);

        assertThat(problem).hasValueSatisfying(line -> assertThat(line).doesNotContain("\n")
                .contains("IM/Server reads its configuration from " + site.configDir)
                .contains("reads " + other + " (named in " + site.home.resolve("etc/config-dir") + ")")
                .contains("write " + site.configDir + " into " + site.home.resolve("etc/config-dir")));
        Files.delete(site.home.resolve("etc/config-dir"));
        assertThat(LauncherConfigDir.mismatch(site.configDir, site.launcher)).hasValueSatisfying(line ->
                assertThat(line).contains("reads /etc/ucloud-im (the default"));
    }

    @Test
    void aMissingLauncherIsLeftToTheInstallCheck() {
        assertThat(LauncherConfigDir.mismatch(base.resolve("etc"), base.resolve("opt/ucloud-im/bin/ucloud-im-user"))).isEmpty();
    }

    private static void printingJava(FakeInstallation site) throws Exception {
        Path java = site.file(site.base.resolve("jdk/bin/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        site.file(site.home.resolve("etc/java"), java + "\n");
    }

    private static Path launchersConfigDir(FakeInstallation site) throws Exception {
        Process run = new ProcessBuilder(site.launcher.toString()).redirectErrorStream(true).start();
        List<String> arguments = new String(run.getInputStream().readAllBytes()).lines().toList();
        assertThat(run.waitFor()).as(String.join("\n", arguments)).isZero();
        // As IM/User takes it: the launcher runs it in /.
        return Path.of("/").resolve(arguments.get(arguments.indexOf("--config-dir") + 1));
    }
}
