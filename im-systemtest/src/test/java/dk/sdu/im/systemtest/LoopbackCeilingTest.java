package dk.sdu.im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's loopback ceiling must move the file exactly, or its figure means nothing. Needs no root. */
class LoopbackCeilingTest {
    @TempDir
    Path dir;

    @Test
    void copiesEveryByteAndReplacesALongerTarget() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(5).nextBytes(content);
        Path source = Files.write(dir.resolve("source"), content);
        Path target = Files.write(dir.resolve("target"), new byte[content.length * 2]);

        long copied = new LoopbackCeiling(source, target).copy();

        assertThat(copied).isEqualTo(content.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }
}
