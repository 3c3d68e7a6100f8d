package dk.sdu.im.testkit.browser;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2FramesTest {
    @Test
    void parsesEveryMessageConcatenatedInOneServerFrame() {
        ByteBuffer frame = ByteBuffer.allocate(15).put((byte) 0).putInt(1).put((byte) 3).putInt(-2).put((byte) 5).putInt(70000).flip();

        assertThat(V2Frames.parseServerFrame(frame)).containsExactly(new ServerMessage.Ok(1), new ServerMessage.Skip(-2),
                new ServerMessage.Completed(70000));
        assertThat(frame.position()).as("the caller's buffer is left alone").isZero();
    }

    @Test
    void stopsAtAnOpcodeTheServerMayNotSendOrAMessageCutShort() {
        ByteBuffer checksum = ByteBuffer.allocate(10).put((byte) 0).putInt(1).put((byte) 1).putInt(9).flip();
        ByteBuffer cut = ByteBuffer.allocate(3).put((byte) 5).put((byte) 0).put((byte) 0).flip();

        assertThat(V2Frames.parseServerFrame(checksum)).containsExactly(new ServerMessage.Ok(1), new ServerMessage.Unrecognised(1, 4));
        assertThat(V2Frames.parseServerFrame(cut)).containsExactly(new ServerMessage.Unrecognised(5, 2));
    }

    @Test
    void clientFramesHaveTheContractsOpcodes() {
        assertThat(bytes(V2Frames.close())).containsExactly(6);
        assertThat(bytes(V2Frames.skip(258))).containsExactly(3, 0, 0, 1, 2);
        assertThat(bytes(V2Frames.chunk(1, new byte[] {9}))).containsExactly(2, 0, 0, 0, 1, 9);
        assertThat(bytes(V2Frames.listing(List.of(new ListingEntry(1, 2, 3, "é")))))
                .containsExactly(4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0xc3 - 256, 0xa9 - 256);
    }

    @Test
    void httpEndpointsBecomeWebSocketUrisByteForByte() {
        assertThat(BrowserSocket.webSocketUri("http://h:1/ucloud/x/upload?token=a%2Bb")).isEqualTo(URI.create("ws://h:1/ucloud/x/upload?token=a%2Bb"));
        assertThat(BrowserSocket.webSocketUri("https://h/u?t=1")).isEqualTo(URI.create("wss://h/u?t=1"));
        assertThat(BrowserSocket.webSocketUri("wss://h/u")).isEqualTo(URI.create("wss://h/u"));
        assertThatThrownBy(() -> BrowserSocket.webSocketUri("ftp://h/u")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
