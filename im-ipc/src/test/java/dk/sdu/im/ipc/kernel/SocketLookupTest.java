package dk.sdu.im.ipc.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SocketLookupTest {
    private static final byte[] MAPPED_LOOPBACK =
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
    private final InetSocketAddress client = endpoint("127.0.0.1", 40001);
    private final InetSocketAddress server = endpoint("127.0.0.1", 8080);
    private final SocketId asked = new SocketId(2, client, server);

    @Test
    void theClientOfAnIpv4ConnectionIsAskedForAsIpv4ThenAsMappedIpv6() {
        assertThat(SocketId.clientOf(server, client))
                .containsExactly(new SocketId(2, client, server), new SocketId(10, client, server));
        InetSocketAddress v6Client = endpoint("::1", 40001);
        InetSocketAddress v6Server = endpoint("::1", 8080);
        assertThat(SocketId.clientOf(v6Server, v6Client)).containsExactly(new SocketId(10, v6Client, v6Server));
        assertThat(SocketId.clientOf(v6Server, client)).isEmpty();
        assertThat(SocketId.clientOf(server, InetSocketAddress.createUnresolved("example.org", 1))).isEmpty();
    }

    @Test
    void theRequestNamesOneSocketInAnyStateWithoutDumping() {
        ByteBuffer request = ByteBuffer.wrap(SocketLookup.request(asked)).order(ByteOrder.nativeOrder());
        assertThat(request.capacity()).isEqualTo(72);
        assertThat(request.getInt(0)).isEqualTo(72);
        assertThat(request.getShort(4)).isEqualTo((short) 20);
        assertThat(request.getShort(6)).isEqualTo((short) 0x1);
        assertThat(request.get(16)).isEqualTo((byte) 2);
        assertThat(request.get(17)).isEqualTo((byte) 6);
        assertThat(request.get(18)).isZero();
        assertThat(request.getInt(20)).isEqualTo(0xFFFFFFFF);
        assertThat(Arrays.copyOfRange(request.array(), 24, 28)).containsExactly(0x9C, 0x41, 0x1F, 0x90);
        assertThat(Arrays.copyOfRange(request.array(), 28, 44)).containsExactly(127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(request.array(), 44, 48)).containsExactly(127, 0, 0, 1);
        assertThat(request.getInt(60)).isZero();
        assertThat(request.getInt(64)).isEqualTo(0xFFFFFFFF);
        assertThat(request.getInt(68)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void anIpv4AddressAskedAsIpv6IsWrittenMapped() {
        byte[] request = SocketLookup.request(new SocketId(10, client, server));
        assertThat(request[16]).isEqualTo((byte) 10);
        assertThat(Arrays.copyOfRange(request, 28, 44)).isEqualTo(MAPPED_LOOPBACK);
        assertThat(Arrays.copyOfRange(request, 44, 60)).isEqualTo(MAPPED_LOOPBACK);
    }

    @Test
    void aReplyNamingTheSocketAskedForGivesItsUid() {
        assertThat(SocketLookup.uid(reply(2, 40001, 8080, v4(127, 0, 0, 1), v4(127, 0, 0, 1), 1001, 777), asked))
                .hasValue(1001);
    }

    @Test
    void aDualStackClientSocketAnswersAnIpv4QuestionInItsMappedForm() {
        assertThat(SocketLookup.uid(reply(10, 40001, 8080, MAPPED_LOOPBACK, MAPPED_LOOPBACK, 1001, 777), asked))
                .hasValue(1001);
    }

    @Test
    void aReplyNamingAnotherSocketIsNotBelieved() {
        byte[] loopback = v4(127, 0, 0, 1);
        assertThat(SocketLookup.uid(reply(2, 40002, 8080, loopback, loopback, 1001, 777), asked)).isEmpty();
        assertThat(SocketLookup.uid(reply(2, 40001, 8081, loopback, loopback, 1001, 777), asked)).isEmpty();
        assertThat(SocketLookup.uid(reply(2, 40001, 8080, v4(127, 0, 0, 2), loopback, 1001, 777), asked)).isEmpty();
        assertThat(SocketLookup.uid(reply(2, 40001, 8080, loopback, v4(127, 0, 0, 2), 1001, 777), asked)).isEmpty();
        assertThat(SocketLookup.uid(reply(1, 40001, 8080, loopback, loopback, 1001, 777), asked)).isEmpty();
    }

    @Test
    void aSocketNoProcessHoldsOpenIsNoAnswer() {
        byte[] loopback = v4(127, 0, 0, 1);
        assertThat(SocketLookup.uid(reply(2, 40001, 8080, loopback, loopback, 1001, 0), asked)).isEmpty();
    }

    @Test
    void anErrorOrATruncatedReplyIsNoAnswer() {
        ByteBuffer error = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        error.putInt(36).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(-2).put(new byte[16]);
        assertThat(SocketLookup.uid(error.flip(), asked)).isEmpty();
        byte[] loopback = v4(127, 0, 0, 1);
        ByteBuffer whole = reply(2, 40001, 8080, loopback, loopback, 1001, 777);
        assertThat(SocketLookup.uid(whole.duplicate().limit(80).order(ByteOrder.nativeOrder()), asked)).isEmpty();
        ByteBuffer overlong = reply(2, 40001, 8080, loopback, loopback, 1001, 777);
        overlong.putInt(0, 200);
        assertThat(SocketLookup.uid(overlong, asked)).isEmpty();
        ByteBuffer notADiagReply = reply(2, 40001, 8080, loopback, loopback, 1001, 777);
        notADiagReply.putShort(4, (short) 3);
        assertThat(SocketLookup.uid(notADiagReply, asked)).isEmpty();
    }

    /** A reply as the kernel writes it: header, {@code inet_diag_msg}, one attribute. */
    private static ByteBuffer reply(int family, int sport, int dport, byte[] src, byte[] dst, int uid, int inode) {
        ByteBuffer reply = ByteBuffer.allocate(16 + 72 + 8).order(ByteOrder.nativeOrder());
        reply.putInt(96).putShort((short) 20).putShort((short) 0).putInt(1).putInt(0);
        reply.put((byte) family).put((byte) 1).put((byte) 0).put((byte) 0);
        reply.put((byte) (sport >> 8)).put((byte) sport).put((byte) (dport >> 8)).put((byte) dport);
        reply.put(Arrays.copyOf(src, 16)).put(Arrays.copyOf(dst, 16)).putInt(0).putLong(-1);
        reply.putInt(0).putInt(0).putInt(0).putInt(uid).putInt(inode);
        reply.putShort((short) 5).putShort((short) 8).put(new byte[4]); // INET_DIAG_SHUTDOWN, padded
        return reply.flip();
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static InetSocketAddress endpoint(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
