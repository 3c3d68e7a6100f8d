package dk.sdu.im.ipc.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A netlink socket to the kernel's socket diagnostics, for one request and its replies, then closed. Trust: a
 * datagram counts only if the kernel sent it (sender port 0, which no process can bind); other processes may
 * address a netlink socket by its port, and what they send is no answer.
 */
final class DiagSocket implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int MSG_DONTWAIT = 0x40;
    /** {@code sockaddr_nl}: family (2 bytes), padding (2), port id (4), groups (4); then our {@code socklen_t}. */
    private static final int SOCKADDR_NL_BYTES = 12;

    private final LibcCalls libc;
    private final int fd;
    private final MemorySegment sender;

    private DiagSocket(LibcCalls libc, int fd, MemorySegment sender) {
        this.libc = libc;
        this.fd = fd;
        this.sender = sender;
    }

    /** A new socket whose sender-address buffer lives in {@code arena}, or empty if the kernel refused one. */
    static Optional<DiagSocket> open(LibcCalls libc, Arena arena) throws Throwable {
        int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        if (fd < 0) {
            return Optional.empty();
        }
        return Optional.of(new DiagSocket(libc, fd, arena.allocate(SOCKADDR_NL_BYTES + 4, 4)));
    }

    /** Sends the whole request in one datagram; false if the kernel took less (or nothing). */
    boolean send(MemorySegment request) throws Throwable {
        return libc.send(fd, request) == request.byteSize();
    }

    /**
     * The next datagram, read into {@code buffer} and seen in the host's byte order; empty on an error, when the
     * sender is not the kernel, or, unless {@code wait}, when none is queued yet (the kernel queues the answer to a
     * single lookup before {@link #send} returns, so not waiting never loses one).
     */
    Optional<ByteBuffer> receive(MemorySegment buffer, boolean wait) throws Throwable {
        MemorySegment length = sender.asSlice(SOCKADDR_NL_BYTES);
        length.set(ValueLayout.JAVA_INT, 0, SOCKADDR_NL_BYTES);
        long received = libc.receiveFrom(fd, buffer, wait ? 0 : MSG_DONTWAIT, sender, length);
        if (received <= 0 || !fromKernel(length.get(ValueLayout.JAVA_INT, 0))) {
            return Optional.empty();
        }
        return Optional.of(buffer.asSlice(0, received).asByteBuffer().order(ByteOrder.nativeOrder()));
    }

    private boolean fromKernel(int senderLength) {
        return senderLength == SOCKADDR_NL_BYTES && sender.get(ValueLayout.JAVA_SHORT, 0) == AF_NETLINK
                && sender.get(ValueLayout.JAVA_INT, 4) == 0;
    }

    /** Closes the socket; a failure to close leaks nothing worth reporting (the descriptor is gone either way). */
    @Override
    public void close() {
        try {
            libc.close(fd);
        } catch (Throwable e) {
            // close(2) on Linux releases the descriptor even when it reports an error
        }
    }
}
