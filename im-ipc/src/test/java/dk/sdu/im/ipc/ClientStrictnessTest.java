package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client trusts the server no further than the protocol: a misbehaving server closes the connection. */
class ClientStrictnessTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();
    Path socket;
    ServerSocketChannel fakeServer;

    @BeforeEach
    void listen() throws IOException {
        socket = dir.resolve("fake.sock");
        fakeServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void stop() throws IOException {
        fakeServer.close();
    }

    @Test
    void replyThatNobodyAskedForClosesTheConnection() throws Exception {
        answerHelloThen(Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Ack()));
        try (InstanceConnection connection = IpcClient.connectAsInstance(socket, push -> { })) {

            assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS).getMessage())
                    .contains("Ack arrived without a request");
        }
    }

    @Test
    void secondWelcomeClosesTheConnection() throws Exception {
        answerHelloThen(Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Welcome(1)));
        try (InstanceConnection connection = IpcClient.connectAsInstance(socket, push -> { })) {

            assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS).getMessage())
                    .contains("Welcome after the handshake");
        }
    }

    @Test
    void oversizedFrameFromTheServerClosesTheConnection() throws Exception {
        answerHelloThen(ByteBuffer.allocate(4).putInt(-1).array());
        try (InstanceConnection connection = IpcClient.connectAsInstance(socket, push -> { })) {

            assertThat(connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS).getMessage())
                    .contains("above the limit");
        }
    }

    @Test
    void welcomeForAnotherVersionFailsTheConnect() throws Exception {
        fakeServerAnswers(Codec.SERVER_TO_ADMIN.encode(new ServerToAdmin.Welcome(IpcProtocol.VERSION + 1)));

        assertThatThrownBy(() -> IpcClient.connectAsAdmin(socket)).isInstanceOf(IpcClosed.class)
                .hasMessageContaining("welcomed version " + (IpcProtocol.VERSION + 1));
    }

    @Test
    void serverThatHangsUpDuringTheHandshakeFailsTheConnect() throws Exception {
        Thread.ofVirtual().start(() -> {
            try (SocketChannel peer = fakeServer.accept()) {
                new DataInputStream(Channels.newInputStream(peer)).readNBytes(5);
            } catch (IOException e) {
                // the test fails on the client side if this goes wrong
            }
        });

        assertThatThrownBy(() -> IpcClient.connectAsInstance(socket, push -> { })).isInstanceOf(IpcClosed.class)
                .hasMessageContaining("during the handshake");
    }

    private void answerHelloThen(byte[] bytes) {
        Frame welcome = Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Welcome(IpcProtocol.VERSION));
        serve(out -> {
            Framing.write(out, welcome);
            out.write(bytes);
            out.flush();
        });
    }

    private void answerHelloThen(Frame frame) {
        serve(out -> {
            Framing.write(out, Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Welcome(IpcProtocol.VERSION)));
            Framing.write(out, frame);
        });
    }

    private void fakeServerAnswers(Frame frame) {
        serve(out -> Framing.write(out, frame));
    }

    /** Accepts one connection, reads the client's Hello, runs {@code script}, then waits for the client to go. */
    private void serve(Script script) {
        Thread.ofVirtual().start(() -> {
            try (SocketChannel peer = fakeServer.accept()) {
                DataInputStream in = new DataInputStream(Channels.newInputStream(peer));
                Framing.read(in);
                script.run(Channels.newOutputStream(peer));
                in.readAllBytes();
            } catch (IOException | ProtocolViolation e) {
                // the test fails on the client side if this goes wrong
            }
        });
    }

    private interface Script {
        void run(OutputStream out) throws IOException;
    }
}
