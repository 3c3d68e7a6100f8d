package dk.sdu.im.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log destinations: a file that logrotate moves loses no line; journald gets its stream header and our identifier. */
class LineSinkTest {
    @TempDir
    Path dir;

    @Test
    void aFileLogrotateRenamedAndRecreatedOrDeletedGetsTheNextLinesAndNoLineIsLost() throws Exception {
        Path log = dir.resolve("server.log");
        try (LineSink sink = LineSink.file(log)) {
            sink.write("one\n");
            Files.move(log, dir.resolve("server.log.1")); // logrotate's create mode: rename, then create
            Files.createFile(log);
            sink.write("two\n");
            Files.delete(log);
            sink.write("three\n");
        }

        assertThat(Files.readString(dir.resolve("server.log.1"))).isEqualTo("one\n");
        assertThat(Files.readString(log)).isEqualTo("three\n");
    }

    @Test
    void aLineWrittenWhileLogrotateHasRenamedTheFileGoesToANewFileNotNowhere() throws Exception {
        Path log = dir.resolve("audit.log");
        try (LineSink sink = LineSink.file(log)) {
            sink.write("before\n");
            Files.move(log, dir.resolve("audit.log.1"));
            sink.write("after\n");
        }
        assertThat(Files.readString(dir.resolve("audit.log.1"))).isEqualTo("before\n");
        assertThat(Files.readString(log)).isEqualTo("after\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
    }

    @Test
    void journaldIsSentTheStreamHeaderWithTheIdentifierThenTheLines() throws Exception {
        Path socket = dir.resolve("stdout");
        try (ServerSocketChannel journald = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            journald.bind(UnixDomainSocketAddress.of(socket));
            try (LineSink sink = JournalStream.connect(socket, "ucloud-im-audit");
                 SocketChannel accepted = journald.accept()) {
                sink.write("{\"event\":\"x\"}\n");
                String expected = "ucloud-im-audit\n\n6\n0\n0\n0\n0\n{\"event\":\"x\"}\n";
                assertThat(read(accepted, expected.length())).isEqualTo(expected);
            }
        }
    }

    private static String read(SocketChannel channel, int bytes) throws Exception {
        var out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (out.size() < bytes && channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
