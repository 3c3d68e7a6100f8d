package dk.sdu.im.ipc.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The socket-diagnostics wire format for TCP ({@code linux/netlink.h}, {@code linux/inet_diag.h}): a request is an
 * {@code nlmsghdr} then an {@code inet_diag_req_v2}, a reply an {@code nlmsghdr} then an {@code inet_diag_msg} (or
 * an {@code nlmsgerr}). Integers are in the host's byte order; ports and addresses in network order.
 */
final class InetDiagWire {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final short SOCK_DIAG_BY_FAMILY = 20;
    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_DUMP = 0x300;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int HEADER_BYTES = 16;
    static final int REQUEST_BYTES = HEADER_BYTES + 56;
    /** Where {@code inet_diag_sockid} starts in a request; in a reply's message it starts at {@link #MESSAGE_ID}. */
    static final int REQUEST_ID = HEADER_BYTES + 8;
    /** {@code inet_diag_msg}: family, state, timer, retrans, the socket id, expires, two queues, uid, inode. */
    static final int MESSAGE_BYTES = 72;
    static final int MESSAGE_ID = 4;
    static final int MESSAGE_UID = 64;
    static final int MESSAGE_INODE = 68;
    /** In a socket id: source and destination port (2 bytes each), then source and destination (16 bytes each). */
    static final int ID_SOURCE = 4;
    static final int ID_DESTINATION = 20;
    private static final int IPPROTO_TCP = 6;

    private InetDiagWire() {
    }

    /** A TCP request of {@code family} written up to its socket id, which the caller fills in or leaves zero. */
    static ByteBuffer request(short flags, int family, int states) {
        ByteBuffer bytes = ByteBuffer.allocate(REQUEST_BYTES).order(ByteOrder.nativeOrder());
        bytes.putInt(REQUEST_BYTES).putShort(SOCK_DIAG_BY_FAMILY).putShort(flags).putInt(1).putInt(0);
        bytes.put((byte) family).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(states);
        return bytes;
    }

    /** A port as the wire holds it: two bytes, most significant first. */
    static int port(ByteBuffer bytes, int at) {
        return Short.toUnsignedInt(bytes.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(at));
    }
}
