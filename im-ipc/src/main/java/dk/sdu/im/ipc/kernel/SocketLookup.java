package dk.sdu.im.ipc.kernel;

import static dk.sdu.im.ipc.kernel.InetDiagWire.AF_INET;
import static dk.sdu.im.ipc.kernel.InetDiagWire.AF_INET6;
import static dk.sdu.im.ipc.kernel.InetDiagWire.HEADER_BYTES;
import static dk.sdu.im.ipc.kernel.InetDiagWire.ID_DESTINATION;
import static dk.sdu.im.ipc.kernel.InetDiagWire.ID_SOURCE;
import static dk.sdu.im.ipc.kernel.InetDiagWire.MESSAGE_BYTES;
import static dk.sdu.im.ipc.kernel.InetDiagWire.MESSAGE_ID;
import static dk.sdu.im.ipc.kernel.InetDiagWire.REQUEST_ID;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The exact lookup of one TCP socket by its addresses and ports: a {@code SOCK_DIAG_BY_FAMILY} request without
 * {@code NLM_F_DUMP}, which the kernel answers from its connection hash (no table walk) with one
 * {@code inet_diag_msg}, or with an {@code NLMSG_ERROR} when no such socket exists.
 */
final class SocketLookup {
    /** One message and the attributes the kernel adds unasked (under 200 bytes), or an error with its request. */
    static final int REPLY_BYTES = 512;
    private static final int ALL_STATES = 0xFFFFFFFF;
    private static final int NO_COOKIE = 0xFFFFFFFF;
    private static final int ID_INTERFACE = 36;
    private static final int ID_COOKIE = 40;

    private SocketLookup() {
    }

    /** The request for the socket {@code id} names, in any state, on any interface, whatever its cookie. */
    static byte[] request(SocketId id) {
        ByteBuffer bytes = InetDiagWire.request(InetDiagWire.NLM_F_REQUEST, id.family(), ALL_STATES);
        bytes.duplicate().order(ByteOrder.BIG_ENDIAN).putShort(REQUEST_ID, (short) id.source().getPort())
                .putShort(REQUEST_ID + 2, (short) id.destination().getPort());
        bytes.put(REQUEST_ID + ID_SOURCE, id.wire(id.source().getAddress()))
                .put(REQUEST_ID + ID_DESTINATION, id.wire(id.destination().getAddress()));
        bytes.putInt(REQUEST_ID + ID_INTERFACE, 0).putInt(REQUEST_ID + ID_COOKIE, NO_COOKIE)
                .putInt(REQUEST_ID + ID_COOKIE + 4, NO_COOKIE);
        return bytes.array();
    }

    /**
     * The owner's uid from the reply to {@link #request}, believed only from a whole {@code inet_diag_msg} that
     * names the very socket asked for and that a process still holds open (an inode: the kernel reports sockets
     * in time-wait with uid 0 and closed ones without inode). An error (no such socket), another socket or a
     * truncated reply is empty.
     */
    static OptionalInt uid(ByteBuffer reply, SocketId asked) {
        int start = reply.position();
        if (reply.remaining() < HEADER_BYTES + MESSAGE_BYTES) {
            return OptionalInt.empty();
        }
        int length = reply.getInt(start);
        int type = Short.toUnsignedInt(reply.getShort(start + 4));
        if (length < HEADER_BYTES + MESSAGE_BYTES || length > reply.remaining()
                || type != InetDiagWire.SOCK_DIAG_BY_FAMILY) {
            return OptionalInt.empty();
        }
        ByteBuffer message = reply.slice(start + HEADER_BYTES, MESSAGE_BYTES).order(reply.order());
        if (!names(message, asked) || message.getInt(InetDiagWire.MESSAGE_INODE) == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(message.getInt(InetDiagWire.MESSAGE_UID));
    }

    /** Whether the message's socket id is {@code asked}'s: same ports, same addresses in either family's form. */
    private static boolean names(ByteBuffer message, SocketId asked) {
        int family = Byte.toUnsignedInt(message.get(0));
        if (family != AF_INET && family != AF_INET6) {
            return false;
        }
        return InetDiagWire.port(message, MESSAGE_ID) == asked.source().getPort()
                && InetDiagWire.port(message, MESSAGE_ID + 2) == asked.destination().getPort()
                && sameAddress(message, family, ID_SOURCE, asked.source())
                && sameAddress(message, family, ID_DESTINATION, asked.destination());
    }

    private static boolean sameAddress(ByteBuffer message, int family, int field, InetSocketAddress expected) {
        byte[] address = new byte[family == AF_INET ? 4 : 16];
        message.get(MESSAGE_ID + field, address);
        return Arrays.equals(SocketId.sixteen(address), SocketId.sixteen(expected.getAddress().getAddress()));
    }
}
