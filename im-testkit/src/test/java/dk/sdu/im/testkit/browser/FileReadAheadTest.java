package dk.sdu.im.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadAheadTest {
    @TempDir
    Path dir;

    @Test
    void givesTheWholeFileInOrderInPiecesOfAnySizeThenEndOfFile() throws IOException {
        byte[] content = new byte[3 * FileReadAhead.BUFFER_BYTES + 12_345];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        var seen = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); var ahead = new FileReadAhead(channel)) {
            int[] sizes = {1, 1000, FileReadAhead.BUFFER_BYTES, 7, Integer.MAX_VALUE};
            for (int i = 0; seen.size() < content.length; i++) {
                ByteBuffer piece = ahead.next(sizes[i % sizes.length]);
                assertThat(piece.remaining()).isPositive().isLessThanOrEqualTo(sizes[i % sizes.length]);
                byte[] bytes = new byte[piece.remaining()];
                piece.get(bytes);
                seen.write(bytes);
            }
            assertThatThrownBy(() -> ahead.next(1)).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> ahead.next(1)).as("stays at the end").isInstanceOf(EOFException.class);
        }
        assertThat(seen.toByteArray()).isEqualTo(content);
    }

    @Test
    void aFailedReadReachesTheSender() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.close();
        try (var ahead = new FileReadAhead(channel)) {
            assertThatThrownBy(() -> ahead.next(1)).isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class)
                    .hasMessageContaining("reading the file failed");
        }
    }
}
