package dk.sdu.im.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./dev rebuilds only when a source changed after the build (scripts/dist-stale.sh), even though the build copies
 * bin/ucloud-im with its source's mtime cut to milliseconds, which made every start rebuild.
 */
class DistStaleTest {
    private static final Path SCRIPT = Path.of("../scripts/dist-stale.sh").toAbsolutePath();

    @TempDir
    Path checkout;

    @Test
    void aBuildCopyingItsSourcesMtimeIsUpToDateUntilASourceChanges() throws Exception {
        Instant edited = Instant.now().minusSeconds(60).plusNanos(123_456);
        Path launcher = source("im-dist/src/main/dist/bin/ucloud-im", edited);
        source("im-server/src/main/java/Server.java", edited);
        source("pom.xml", edited);
        Path built = build(launcher);
        assertThat(Files.getLastModifiedTime(built).toInstant()).as("the copy's mtime").isBefore(edited);

        assertThat(stale()).as("nothing changed since the build").isNull();

        source("im-server/src/test/java/ServerTest.java", Instant.now().plusSeconds(5));
        source("im-server/target/classes/Server.class", Instant.now().plusSeconds(5));
        source("build-logs/maven.log", Instant.now().plusSeconds(5));
        assertThat(stale()).as("tests, build output and logs are not in the distribution").isNull();

        source("im-server/src/main/java/Server.java", Instant.now().plusSeconds(5));
        assertThat(stale()).isEqualTo("im-server/src/main/java/Server.java changed");
    }

    @Test
    void aChangedPomOrWrapperSettingRebuilds() throws Exception {
        build(source("im-dist/src/main/dist/bin/ucloud-im", Instant.now().minusSeconds(60)));
        source(".mvn/wrapper/maven-wrapper.properties", Instant.now().plusSeconds(5));
        assertThat(stale()).isEqualTo(".mvn/wrapper/maven-wrapper.properties changed");
        source(".mvn/wrapper/maven-wrapper.properties", Instant.now().minusSeconds(60));
        source("im-dev/pom.xml", Instant.now().plusSeconds(5));
        assertThat(stale()).isEqualTo("im-dev/pom.xml changed");
    }

    @Test
    void noDistributionIsBuilt() throws Exception {
        source("pom.xml", Instant.now().minusSeconds(60));
        assertThat(stale()).isEqualTo("no distribution built yet");
    }

    /** As the assembly does: a new file (its ctime the build's time) with the source's mtime in milliseconds. */
    private Path build(Path launcher) throws Exception {
        Path built = checkout.resolve("im-dist/target/ucloud-im/bin/ucloud-im");
        Files.createDirectories(built.getParent());
        Files.copy(launcher, built);
        built.toFile().setExecutable(true);
        Files.setLastModifiedTime(built, FileTime.fromMillis(Files.getLastModifiedTime(launcher).toMillis()));
        return built;
    }

    private Path source(String name, Instant modified) throws Exception {
        Path file = checkout.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** Why the script says a rebuild is needed, or null when it says the build is up to date. */
    private String stale() throws Exception {
        Process run = new ProcessBuilder(SCRIPT.toString(), checkout.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes()).strip();
        int exit = run.waitFor();
        assertThat(exit).as(out).isIn(0, 1);
        return exit == 0 ? out : null;
    }
}
