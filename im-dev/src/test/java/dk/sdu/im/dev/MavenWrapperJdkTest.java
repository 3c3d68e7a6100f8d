package dk.sdu.im.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code ./mvnw -B package} works as written where the default java is older: the wrapper finds JDK 25
 * as ./dev, ./test and ./bench do ($JAVA_HOME when it is 25, else the Temurin 25 path), and says so when there is none.
 */
class MavenWrapperJdkTest {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @Test
    void withoutJavaHomeTheWrapperRunsMavenOnJdk25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN.resolve("bin/java")), "needs the JDK 25 at " + TEMURIN);

        var run = mvnw(null, "-v");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Apache Maven 3.9.").contains("Java version: 25").contains(TEMURIN.toString());
    }

    @Test
    void aJavaHomeOfAnOlderJdkIsPassedOverForJdk25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN.resolve("bin/java")), "needs the JDK 25 at " + TEMURIN);
        assumeTrue(Files.isExecutable(JDK17.resolve("bin/java")), "needs an older JDK at " + JDK17 + " to set JAVA_HOME to");

        var run = mvnw(JDK17, "-v");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Java version: 25").doesNotContain("Java version: 17");
    }

    @Test
    void withNoJdk25TheWrapperSaysSoInOneLineAndRunsNothing() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: hides " + TEMURIN + " in a mount namespace of its own");
        assumeTrue(Files.isDirectory(TEMURIN), "hides " + TEMURIN + ", which must exist to be hidden");
        assumeTrue(new ProcessBuilder("unshare", "--mount", "true").start().waitFor() == 0,
                "needs mount namespaces (unshare --mount), which this machine refuses");

        var run = mvnw(Files.isDirectory(JDK17) ? JDK17 : null, "unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs none " + TEMURIN + " && exec \"$0\" -v", CHECKOUT.resolve("mvnw").toString());

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output().strip()).startsWith("ucloud-im: no JDK 25 found. Set JAVA_HOME to a JDK 25")
                .doesNotContain("\n").doesNotContain("Apache Maven");
    }

    private record Run(int exit, String output) {
    }

    /** {@code ./mvnw args} with a clean environment, or {@code command...} when the first argument is not an option. */
    private static Run mvnw(Path javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (args[0].startsWith("-")) {
            command.add(CHECKOUT.resolve("mvnw").toString());
        }
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(CHECKOUT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("HOME", System.getProperty("user.home"));
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }
}
