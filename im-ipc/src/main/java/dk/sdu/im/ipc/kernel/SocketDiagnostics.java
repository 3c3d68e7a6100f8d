package dk.sdu.im.ipc.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * TCP sockets and their owners from the kernel's socket diagnostics (netlink {@code NETLINK_SOCK_DIAG},
 * {@code SOCK_DIAG_BY_FAMILY}, as {@code ss} asks): every listener, and the owner of the client end of a
 * connection we accepted.
 *
 * <p>Thread-safe and immutable: the native calls are linked once by {@link #link}; each question then opens its
 * own netlink socket, so questions from several threads never see each other's answers. Trust: see the package;
 * any failure is an empty answer.
 */
public final class SocketDiagnostics {
    /** One listening socket: its address family, local address bytes (4 or 16, copied), port and owner's uid. */
    public record Listener(boolean v4, byte[] address, int port, int uid) {
        public Listener {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }
    }

    private static final int DUMP_BYTES = 64 * 1024;
    /** Bounds the replies read for one dump; a host has far fewer listeners than this many pages of them. */
    private static final int MAX_RECEIVES = 1024;

    private final LibcCalls libc;

    private SocketDiagnostics(LibcCalls libc) {
        this.libc = libc;
    }

    /**
     * Links the calls now, or empty where native calls are unavailable. Measured in a fresh JVM: about 0.1 s, and
     * the first question after it some 20 ms more while the JVM prepares the calls; later ones take microseconds.
     */
    public static Optional<SocketDiagnostics> link() {
        try {
            return Optional.of(new SocketDiagnostics(new LibcCalls(Linker.nativeLinker())));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Every TCP listener of both families, or empty if the kernel could not be asked. */
    public Optional<List<Listener>> listeners() {
        List<Listener> all = new ArrayList<>();
        for (int family : new int[] {InetDiagWire.AF_INET6, InetDiagWire.AF_INET}) {
            Optional<List<Listener>> some = dump(family);
            if (some.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(some.get());
        }
        return Optional.of(all);
    }

    /**
     * The uid owning the client socket of {@code accepted}, a TCP connection we accepted on this host (loopback);
     * empty if the socket is not connected, the client's socket is not on this host or no longer held open, or the
     * kernel could not be asked. One netlink round trip when found (about 20 µs, measured), two when not.
     */
    public OptionalInt peerUid(Socket accepted) {
        if (accepted.getLocalSocketAddress() instanceof InetSocketAddress local
                && accepted.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            return peerUid(local, remote);
        }
        return OptionalInt.empty();
    }

    /**
     * The uid owning the TCP socket whose own end is {@code remote} and whose peer is {@code local}: the client
     * socket of the connection we accepted with these ends. Empty as for {@link #peerUid(Socket)}.
     */
    public OptionalInt peerUid(InetSocketAddress local, InetSocketAddress remote) {
        for (SocketId id : SocketId.clientOf(local, remote)) {
            OptionalInt uid = lookUp(id);
            if (uid.isPresent()) {
                return uid;
            }
        }
        return OptionalInt.empty();
    }

    private OptionalInt lookUp(SocketId id) {
        return ask(SocketLookup.request(id), OptionalInt.empty(), (socket, arena) -> {
            Optional<ByteBuffer> reply = socket.receive(arena.allocate(SocketLookup.REPLY_BYTES), false);
            return reply.isEmpty() ? OptionalInt.empty() : SocketLookup.uid(reply.get(), id);
        });
    }

    private Optional<List<Listener>> dump(int family) {
        return ask(ListenerDump.request(family), Optional.empty(),
                (socket, arena) -> receiveDump(socket, arena.allocate(DUMP_BYTES)));
    }

    /** Sends {@code request} on a new diagnostics socket and reads its answer; {@code none} on any failure. */
    private <T> T ask(byte[] request, T none, Answer<T> answer) {
        try (Arena arena = Arena.ofConfined()) {
            Optional<DiagSocket> opened = DiagSocket.open(libc, arena);
            if (opened.isEmpty()) {
                return none;
            }
            try (DiagSocket socket = opened.get()) {
                boolean sent = socket.send(arena.allocateFrom(ValueLayout.JAVA_BYTE, request));
                return sent ? answer.read(socket, arena) : none;
            }
        } catch (Throwable e) {
            return none;
        }
    }

    private static Optional<List<Listener>> receiveDump(DiagSocket socket, MemorySegment buffer) throws Throwable {
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < MAX_RECEIVES; i++) {
            Optional<ByteBuffer> replies = socket.receive(buffer, true);
            Optional<Boolean> done = replies.flatMap(r -> ListenerDump.parse(r, listeners));
            if (done.isEmpty()) {
                return Optional.empty();
            }
            if (done.get()) {
                return Optional.of(listeners);
            }
        }
        return Optional.empty();
    }

    /** Reads the kernel's answer from a socket the request went out on, with buffers from {@code arena}. */
    @FunctionalInterface
    private interface Answer<T> {
        T read(DiagSocket socket, Arena arena) throws Throwable;
    }
}
