package dk.sdu.im.ipc.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TCP sockets in LISTEN state, with owner uid, from the kernel's socket diagnostics (netlink
 * {@code NETLINK_SOCK_DIAG}, {@code SOCK_DIAG_BY_FAMILY}, as {@code ss -tl} asks). Asking for listeners only
 * makes the kernel walk its (small) listening table, where reading {@code /proc/net/tcp} walks every connection
 * slot: milliseconds on a machine with much memory, paid while a user waits for a cold start.
 *
 * <p>Trust: the answer comes from the kernel alone. Any failure (no netlink in a sandbox, an unexpected reply)
 * yields empty, and the caller falls back to {@code /proc}.
 */
public final class SocketDiagnostics {
    /** One listening socket: its address family, local address bytes (4 or 16), port and owner. */
    public record Listener(boolean v4, byte[] address, int port, int uid) {
    }

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_LISTEN = 10;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int HEADER_BYTES = 16;
    private static final int REQUEST_BYTES = HEADER_BYTES + 56;
    private static final int MESSAGE_BYTES = 72;
    private static final int RECEIVE_BYTES = 64 * 1024;
    /** Bounds the replies read for one dump; a host has far fewer listeners than this many pages of them. */
    private static final int MAX_RECEIVES = 1024;

    private final MethodHandle socket;
    private final MethodHandle send;
    private final MethodHandle recv;
    private final MethodHandle close;

    private SocketDiagnostics(Linker linker) {
        var libc = linker.defaultLookup();
        socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        send = linker.downcallHandle(libc.find("send").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        recv = linker.downcallHandle(libc.find("recv").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Links the calls now (it takes tens of milliseconds), or empty where native calls are unavailable. */
    public static Optional<SocketDiagnostics> link() {
        try {
            return Optional.of(new SocketDiagnostics(Linker.nativeLinker()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Every TCP listener of both families, or empty if the kernel could not be asked. */
    public Optional<List<Listener>> listeners() {
        List<Listener> all = new ArrayList<>();
        for (int family : new int[] {AF_INET6, AF_INET}) {
            Optional<List<Listener>> some = dump(family);
            if (some.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(some.get());
        }
        return Optional.of(all);
    }

    private Optional<List<Listener>> dump(int family) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) socket.invokeExact(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) {
                return Optional.empty();
            }
            try {
                MemorySegment request = arena.allocate(REQUEST_BYTES);
                request.asByteBuffer().order(ByteOrder.nativeOrder()).put(request(family));
                if ((long) send.invokeExact(fd, request, (long) REQUEST_BYTES, 0) != REQUEST_BYTES) {
                    return Optional.empty();
                }
                return receive(fd, arena.allocate(RECEIVE_BYTES));
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    private Optional<List<Listener>> receive(int fd, MemorySegment buffer) throws Throwable {
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < MAX_RECEIVES; i++) {
            long received = (long) recv.invokeExact(fd, buffer, (long) RECEIVE_BYTES, 0);
            if (received <= 0) {
                return Optional.empty();
            }
            ByteBuffer replies = buffer.asSlice(0, received).asByteBuffer().order(ByteOrder.nativeOrder());
            Optional<Boolean> done = parse(replies, listeners);
            if (done.isEmpty()) {
                return Optional.empty();
            }
            if (done.get()) {
                return Optional.of(listeners);
            }
        }
        return Optional.empty();
    }

    /** The request: {@code nlmsghdr} then {@code inet_diag_req_v2} for TCP listeners of {@code family}. */
    static byte[] request(int family) {
        ByteBuffer bytes = ByteBuffer.allocate(REQUEST_BYTES).order(ByteOrder.nativeOrder());
        bytes.putInt(REQUEST_BYTES).putShort(SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(1).putInt(0);
        bytes.put((byte) family).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(1 << TCP_LISTEN);
        return bytes.array(); // the socket id (48 bytes) stays zero: a dump matches every socket
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
        int port = Short.toUnsignedInt(message.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(4));
        byte[] address = new byte[v4 ? 4 : 16];
        message.get(8, address);
        return new Listener(v4, address, port, message.getInt(64));
    }
}
