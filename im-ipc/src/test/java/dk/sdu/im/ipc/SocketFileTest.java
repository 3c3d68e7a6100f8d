package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

class SocketFileTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void socketFileIsReadableAndWritableByEveryUser() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE)) {
            assertThat(mode(fixture.socket) & 0777).isEqualTo(0666);
            assertThat(mode(fixture.socket) & 0170000).as("a socket").isEqualTo(0140000);
        }
    }

    @Test
    void missingParentDirectoryIsCreatedTraversableByEveryone() throws Exception {
        Path nested = dir.resolve("run/ucloud-im");
        try (ServerFixture fixture = ServerFixture.start(nested, PeerKind.INSTANCE);
             InstanceConnection connection = fixture.connectInstance()) {
            assertThat(mode(nested) & 0777).isEqualTo(0755);
            assertThat(connection.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    @Test
    void staleSocketFromAnEarlierRunIsReplaced() throws Exception {
        Path socket = dir.resolve("ipc.sock");
        AFUNIXServerSocket earlier = AFUNIXServerSocket.newInstance();
        earlier.setDeleteOnClose(false);
        earlier.bind(AFUNIXSocketAddress.of(socket));
        earlier.close();
        assertThat(socket).exists();

        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE);
             InstanceConnection connection = fixture.connectInstance()) {
            assertThat(connection.request(new InstanceToServer.Register(42001))).isEqualTo(new ServerToInstance.Ack());
        }
    }

    @Test
    void refusesToReplaceAFileThatIsNotASocket() throws Exception {
        Path socket = Files.writeString(dir.resolve("ipc.sock"), "precious");

        assertThatThrownBy(() -> ServerFixture.start(dir, PeerKind.INSTANCE))
                .isInstanceOf(IOException.class).hasMessageContaining("not a socket");
        assertThat(socket).hasContent("precious");
    }

    @Test
    void refusesToStartWhileAnotherServerAnswersOnTheSocket() throws Exception {
        try (ServerFixture first = ServerFixture.start(dir, PeerKind.INSTANCE)) {
            assertThatThrownBy(() -> ServerFixture.start(dir, PeerKind.INSTANCE))
                    .isInstanceOf(IOException.class).hasMessageContaining("already listening");

            try (InstanceConnection connection = first.connectInstance()) {
                assertThat(connection.request(new InstanceToServer.Register(1))).isEqualTo(new ServerToInstance.Ack());
            }
        }
    }

    @Test
    void closingTheServerRemovesTheSocketFile() throws Exception {
        ServerFixture fixture = ServerFixture.start(dir, PeerKind.INSTANCE);
        fixture.close();

        assertThat(fixture.socket).doesNotExist();
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
}
