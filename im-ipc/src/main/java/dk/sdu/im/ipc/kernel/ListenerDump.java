package dk.sdu.im.ipc.kernel;

import static dk.sdu.im.ipc.kernel.InetDiagWire.AF_INET;
import static dk.sdu.im.ipc.kernel.InetDiagWire.HEADER_BYTES;
import static dk.sdu.im.ipc.kernel.InetDiagWire.MESSAGE_BYTES;
import static dk.sdu.im.ipc.kernel.InetDiagWire.MESSAGE_ID;
import static dk.sdu.im.ipc.kernel.InetDiagWire.NLMSG_DONE;
import static dk.sdu.im.ipc.kernel.InetDiagWire.NLMSG_ERROR;

import dk.sdu.im.ipc.kernel.SocketDiagnostics.Listener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The dump of every TCP listener of one family: its request, and the parsing of the datagrams that answer it.
 * Asking for listeners only makes the kernel walk its (small) listening table, where reading {@code /proc/net/tcp}
 * walks every connection slot.
 */
final class ListenerDump {
    private static final int TCP_LISTEN = 10;

    private ListenerDump() {
    }

    /** The request: {@code nlmsghdr} then {@code inet_diag_req_v2} for TCP listeners of {@code family}. */
    static byte[] request(int family) {
        short flags = (short) (InetDiagWire.NLM_F_REQUEST | InetDiagWire.NLM_F_DUMP);
        return InetDiagWire.request(flags, family, 1 << TCP_LISTEN).array(); // a zero socket id: a dump matches all
    }

    /**
     * Adds the listeners in one datagram of replies; true once the dump is done, false if more follow, empty
     * when the kernel reported an error or the replies are malformed.
     */
    static Optional<Boolean> parse(ByteBuffer replies, List<Listener> into) {
        while (replies.remaining() >= HEADER_BYTES) {
            int start = replies.position();
            int length = replies.getInt(start);
            int type = Short.toUnsignedInt(replies.getShort(start + 4));
            if (length < HEADER_BYTES || length > replies.remaining()) {
                return Optional.empty();
            }
            if (type == NLMSG_DONE) {
                return Optional.of(true);
            }
            if (type == NLMSG_ERROR || length < HEADER_BYTES + MESSAGE_BYTES) {
                return Optional.empty();
            }
            into.add(listener(replies.slice(start + HEADER_BYTES, MESSAGE_BYTES).order(replies.order())));
            replies.position(Math.min(replies.limit(), start + ((length + 3) & ~3)));
        }
        return Optional.of(false);
    }

    /** One {@code inet_diag_msg}: ports and addresses in network order, the uid in the host's. */
    private static Listener listener(ByteBuffer message) {
        boolean v4 = Byte.toUnsignedInt(message.get(0)) == AF_INET;
        byte[] address = new byte[v4 ? 4 : 16];
        message.get(MESSAGE_ID + InetDiagWire.ID_SOURCE, address);
        int port = InetDiagWire.port(message, MESSAGE_ID);
        return new Listener(v4, address, port, message.getInt(InetDiagWire.MESSAGE_UID));
    }
}
