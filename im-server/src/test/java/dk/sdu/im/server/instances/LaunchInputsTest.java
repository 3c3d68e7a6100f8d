package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs are those the real launcher script reads: its defaults, the programs it runs, and what it hands the JVM
 * (run with a stand-in JVM that prints its arguments), so the check and the script cannot drift apart unseen.
 */
class LaunchInputsTest {
    private static final Path SCRIPT = Path.of("../im-dist/src/main/dist/bin/ucloud-im-user");

    @TempDir
    Path base;

    @Test
    void theDefaultsAreTheLaunchers() throws Exception {
        String script = Files.readString(SCRIPT);
        assertThat(script).contains("\njava=" + LaunchInputs.DEFAULT_JAVA + "\n")
                .contains("\nconfig_dir=" + LaunchInputs.DEFAULT_CONFIG_DIR + "\n");
    }

    @Test
    void theProgramsTheLauncherRunsAreAllNamedAndChecked() throws Exception {
        Set<String> named = new TreeSet<>();
        Matcher programs = Pattern.compile("(?<![\\w/$.-])(/(?:usr/)?s?bin/[\\w.-]+)").matcher(Files.readString(SCRIPT));
        while (programs.find()) {
            named.add(programs.group(1));
        }
        List<String> expected = new ArrayList<>(LaunchInputs.LAUNCHER_TOOLS.stream().map(Path::toString).toList());
        expected.add("/bin/sh");
        assertThat(named).as("every absolute program path in the script").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readAllLines(SCRIPT).getFirst()).isEqualTo("#!/bin/sh");
    }

    @Test
    void everyPathTheLauncherHandsTheJvmIsAnInput() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: the installation is root's");
        var site = FakeInstallation.create(base);
        Path java = site.file(base.resolve("jdk/bin/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(base.resolve("jdk/lib"));
        Files.createDirectories(base.resolve("jdk/conf"));
        site.file(site.home.resolve("etc/java"), java + "\n");
        site.file(site.home.resolve("lib/im-user.aot"), "aot");
        // As `ucloud-im aot` records the jars the cache was built from, so the launcher uses the cache.
        assertThat(new ProcessBuilder("/bin/sh", "-c", "/usr/bin/stat -c '%n %s %Y' \"$0\"/lib/user/*.jar > \"$0\"/lib/im-user.aot.jars",
                site.home.toString()).start().waitFor()).isZero();
        Process run = new ProcessBuilder(site.launcher.toString()).redirectErrorStream(true).start();
        List<String> arguments = new String(run.getInputStream().readAllBytes()).lines().toList();
        assertThat(run.waitFor()).as(String.join("\n", arguments)).isZero();

        var found = new LaunchInputs(site.launcher).now();
        assertThat(found.unknown()).isEmpty();
        List<Path> inputs = found.inputs().stream().map(LaunchInput::path).toList();
        String classPath = arguments.get(arguments.indexOf("-cp") + 1);
        assertThat(classPath).endsWith("/*");
        Path classPathDir = Path.of(classPath.substring(0, classPath.length() - 2));
        assertThat(inputs).contains(java, classPathDir, classPathDir.resolve("im-user.jar"), classPathDir.resolve("im-config.jar"),
                Path.of(arguments.get(arguments.indexOf("--config-dir") + 1)), site.configDir.resolve("config.yml"),
                site.configDir.resolve("ucloud_key.pub"), site.home.resolve("bin/im-user-flags.sh"));
        assertThat(arguments).contains("-XX:AOTCache=" + site.home.resolve("lib/im-user.aot"));
        assertThat(inputs).contains(site.home.resolve("lib/im-user.aot"), site.home.resolve("lib/im-user.aot.jars"));
    }
}
