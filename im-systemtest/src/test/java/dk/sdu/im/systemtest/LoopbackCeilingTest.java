package dk.sdu.im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The bench's loopback ceilings (one hop, and two through a relay) must move the file exactly, or its figure means nothing. Needs no root. */
class LoopbackCeilingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "relayed {0}")
    @ValueSource(booleans = {false, true})
    void copiesEveryByteAndReplacesALongerTarget(boolean relayed) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(5).nextBytes(content);
        Path source = Files.write(dir.resolve("source"), content);
        Path target = Files.write(dir.resolve("target"), new byte[content.length * 2]);

        long copied = new LoopbackCeiling(source, target, relayed).copy();

        assertThat(copied).isEqualTo(content.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }
}
