package dk.sdu.im.ipc.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerDumpTest {
    @Test
    void aDumpEndsAtDoneAndAnErrorOrATruncatedReplyIsNoAnswer() {
        assertThat(ListenerDump.parse(header(16, 3), new ArrayList<>())).contains(true);
        assertThat(ListenerDump.parse(header(36, 2).put(new byte[20]).flip(), new ArrayList<>())).isEmpty();
        assertThat(ListenerDump.parse(header(4096, 20), new ArrayList<>())).isEmpty();
        assertThat(ListenerDump.parse(ByteBuffer.allocate(0), new ArrayList<>())).contains(false);
    }

    @Test
    void oneReplyBecomesAListenerWithItsPortInNetworkOrderAndItsUidInOurs() {
        ByteBuffer reply = ByteBuffer.allocate(16 + 72).order(ByteOrder.nativeOrder());
        reply.putInt(88).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
        reply.put((byte) 2).put((byte) 10).put((byte) 0).put((byte) 0);
        reply.put((byte) 0xA4).put((byte) 0x11); // port 42001, big-endian
        reply.putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[12 + 16 + 4 + 8 + 12]);
        reply.putInt(1001).putInt(12345);
        reply.flip();
        List<SocketDiagnostics.Listener> into = new ArrayList<>();
        assertThat(ListenerDump.parse(reply, into)).contains(false);
        assertThat(into).singleElement().satisfies(l -> {
            assertThat(l.v4()).isTrue();
            assertThat(l.port()).isEqualTo(42001);
            assertThat(l.uid()).isEqualTo(1001);
            assertThat(l.address()).containsExactly(127, 0, 0, 1);
        });
    }

    @Test
    void theRequestAsksForTcpListenersOfOneFamilyAsADump() {
        ByteBuffer request = ByteBuffer.wrap(ListenerDump.request(10)).order(ByteOrder.nativeOrder());
        assertThat(request.getInt(0)).isEqualTo(72);
        assertThat(request.getShort(4)).isEqualTo((short) 20);
        assertThat(request.getShort(6)).isEqualTo((short) 0x301);
        assertThat(request.get(16)).isEqualTo((byte) 10);
        assertThat(request.get(17)).isEqualTo((byte) 6);
        assertThat(request.getInt(20)).isEqualTo(1 << 10);
    }

    @Test
    void aListenerKeepsItsOwnCopyOfTheAddress() {
        byte[] address = {127, 0, 0, 1};
        var listener = new SocketDiagnostics.Listener(true, address, 80, 0);
        address[0] = 10;
        listener.address()[1] = 9;
        assertThat(listener.address()).containsExactly(127, 0, 0, 1);
    }

    private static ByteBuffer header(int length, int type) {
        ByteBuffer header = ByteBuffer.allocate(Math.max(16, Math.min(length, 36))).order(ByteOrder.nativeOrder());
        header.putInt(length).putShort((short) type).putShort((short) 0).putInt(1).putInt(0);
        return type == 2 ? header : header.flip();
    }
}
