package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 5 and 7.4: a client that breaks the framing rules or a limit gets the right close code, the session
 * sees the end of the conversation, and the server closes the TCP connection.
 */
class ProtocolViolationTest {
    TestServer t;
    RawClient client;

    @BeforeEach
    void start() throws IOException {
        t = new TestServer();
        client = RawClient.upgraded(t.address(), "/echo");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        t.close();
    }

    /** The client receives the close code, the server hangs up, and the session's read returns the code. */
    void assertFailedWith(int code) throws Exception {
        assertThat(client.readCloseCode()).isEqualTo(code);
        assertThat(client.closedByServer()).isTrue();
        client.close();
        assertThat(t.nextSeen()).isInstanceOfSatisfying(Incoming.Closed.class,
                closed -> assertThat(closed.code()).isEqualTo(code));
        t.awaitOpenSockets(0);
    }

    @Test
    void unmaskedFrameIs1002() throws Exception {
        client.out.write(RawClient.frameBytes(0x81, "hi".getBytes(), false));

        assertFailedWith(1002);
    }

    @Test
    void reservedBitsAre1002() throws Exception {
        client.frame(0x81 | 0x40, "compressed?".getBytes());

        assertFailedWith(1002);
    }

    @Test
    void reservedOpcodesAre1002() throws Exception {
        client.frame(0x83, new byte[0]);

        assertFailedWith(1002);
    }

    @Test
    void reservedControlOpcodeIs1002() throws Exception {
        client.frame(0x8B, new byte[0]);

        assertFailedWith(1002);
    }

    @Test
    void fragmentedPingIs1002() throws Exception {
        client.frame(0x09, "ping".getBytes());

        assertFailedWith(1002);
    }

    @Test
    void controlFrameOver125BytesIs1002() throws Exception {
        client.frame(0x89, new byte[126]);

        assertFailedWith(1002);
    }

    @Test
    void continuationWithoutAMessageIs1002() throws Exception {
        client.frame(0x80, "orphan".getBytes());

        assertFailedWith(1002);
    }

    @Test
    void newMessageBeforeTheLastEndedIs1002() throws Exception {
        client.frame(0x01, "first half".getBytes());
        client.frame(0x81, "another message".getBytes());

        assertFailedWith(1002);
    }

    @Test
    void lengthWithTheTopBitSetIs1002() throws Exception {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x82);
        frame.write(0x80 | 127);
        frame.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
        frame.writeBytes(new byte[] {1, 2, 3, 4});
        client.out.write(frame.toByteArray());

        assertFailedWith(1002);
    }

    @Test
    void textOverTheLimitIs1009BeforeItsPayloadIsRead() throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0x81);
        RawClient.frameLength(header, TestServer.MAX_TEXT + 1, 0x80);
        header.writeBytes(new byte[4]);
        client.out.write(header.toByteArray());

        assertFailedWith(1009);
    }

    @Test
    void fragmentsAddingUpToMoreThanTheTextLimitAre1009() throws Exception {
        byte[] half = new byte[TestServer.MAX_TEXT / 2];
        Arrays.fill(half, (byte) 'a');
        client.frame(0x01, half);
        client.frame(0x00, half);
        client.frame(0x80, "!".getBytes());

        assertFailedWith(1009);
    }

    @Test
    void textExactlyAtTheLimitIsAccepted() throws Exception {
        byte[] text = new byte[TestServer.MAX_TEXT];
        Arrays.fill(text, (byte) 'a');
        client.frame(0x81, text);

        assertThat(client.readFrame().payload()).isEqualTo(text);
    }

    @Test
    void invalidUtf8Is1007() throws Exception {
        client.frame(0x81, new byte[] {'o', 'k', (byte) 0xC0, (byte) 0xAF});

        assertFailedWith(1007);
    }

    @Test
    void encodedSurrogateIs1007() throws Exception {
        client.frame(0x81, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

        assertFailedWith(1007);
    }

    @Test
    void codePointSplitAcrossFragmentsIsValid() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        client.frame(0x01, Arrays.copyOfRange(euro, 0, 1));
        client.frame(0x00, Arrays.copyOfRange(euro, 1, 2));
        client.frame(0x80, Arrays.copyOfRange(euro, 2, 3));

        assertThat(client.readFrame().text()).isEqualTo("€");
    }

    @Test
    void binaryOverTheLimitAcrossFragmentsIs1009AndBreaksTheStream() throws Exception {
        byte[] part = new byte[(int) (TestServer.MAX_BINARY / 2)];
        client.frame(0x02, part);
        client.frame(0x00, part);
        client.frame(0x80, new byte[1]);

        assertThat(client.readCloseCode()).isEqualTo(1009);
        assertThat(client.closedByServer()).isTrue();
        client.close();
        assertThat(t.nextSeen()).isInstanceOfSatisfying(TestServer.Failure.class, failure -> assertThat(
                failure.exception()).isInstanceOf(IOException.class).hasMessageContaining("larger than"));
        t.awaitOpenSockets(0);
    }

    @Test
    void closeWithAReservedCodeIs1002() throws Exception {
        client.close(1005, "");

        assertFailedWith(1002);
    }

    @Test
    void closeWithAOneBytePayloadIs1002() throws Exception {
        client.frame(0x88, new byte[] {3});

        assertFailedWith(1002);
    }

    @Test
    void closeReasonThatIsNotUtf8Is1007() throws Exception {
        client.frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF});

        assertFailedWith(1007);
    }
}
