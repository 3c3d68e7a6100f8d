package dk.sdu.im.server.systemd;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tells systemd that IM/Server is ready ({@code READY=1}) or stopping ({@code STOPPING=1}), with a one-line status
 * that {@code systemctl status} shows. Outside a {@code Type=notify} unit ({@code $NOTIFY_SOCKET} unset, as when an
 * administrator runs {@code ucloud-im server} by hand) every call does nothing.
 *
 * <p>Each notification is one {@code sendto(2)} on a fresh {@code AF_UNIX} datagram socket, closed at once; a
 * failure is logged as a warning and never thrown, because the server serves either way (systemd, missing its
 * {@code READY=1}, stops the unit after {@code TimeoutStartSec}, and the warning says why). Thread-safe.
 */
public final class ServiceNotifier {
    private static final Logger LOG = Logger.getLogger(ServiceNotifier.class.getName());
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** {@code struct sockaddr_un}: a 2-byte family, then {@code sun_path} of 108 bytes. */
    private static final int SUN_PATH_BYTES = 108;

    private final Optional<String> socket;

    private ServiceNotifier(Optional<String> socket) {
        this.socket = socket;
    }

    /** The notifier for the socket {@code $NOTIFY_SOCKET} names in {@code environment}; a no-op one if unset. */
    public static ServiceNotifier fromEnvironment(Map<String, String> environment) {
        return new ServiceNotifier(Optional.ofNullable(environment.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty()));
    }

    /** Whether there is a service manager to tell ({@code $NOTIFY_SOCKET} was set). */
    public boolean active() {
        return socket.isPresent();
    }

    /** IM/Server serves: its listeners and IPC socket are up. {@code status} is one line for the administrator. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status) + "\n");
    }

    /** IM/Server has begun to stop (its instances are being stopped). */
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + oneLine(status) + "\n");
    }

    private static String oneLine(String status) {
        return status.replaceAll("[\\r\\n]+", " ");
    }

    private void send(String message) {
        if (socket.isEmpty()) {
            return;
        }
        String target = socket.get();
        try (Arena arena = Arena.ofConfined()) {
            Optional<MemorySegment> address = address(arena, target);
            if (address.isEmpty()) {
                LOG.warning(() -> "cannot notify systemd: NOTIFY_SOCKET is not a unix socket name I can use: " + target);
                return;
            }
            String failure = Calls.LINKED.sendto(arena, address.get(), message.getBytes(StandardCharsets.UTF_8));
            if (failure != null) {
                LOG.warning(() -> "cannot notify systemd through " + target + ": " + failure);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warning(() -> "cannot notify systemd through " + target + ": native calls unavailable (" + e + ")");
        }
    }

    /**
     * {@code sockaddr_un} for a path ({@code /run/systemd/notify}) or an abstract name ({@code @name}, whose first
     * byte becomes NUL); empty for anything else, or a name too long for {@code sun_path}.
     */
    static Optional<MemorySegment> address(Arena arena, String name) {
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.startsWith("@");
        if (!(abstractName || name.startsWith("/")) || path.length >= SUN_PATH_BYTES || path.length < 2) {
            return Optional.empty();
        }
        if (abstractName) {
            path[0] = 0;
        }
        // A path keeps its terminating NUL in the length; an abstract name is exactly its bytes.
        int length = 2 + path.length + (abstractName ? 0 : 1);
        MemorySegment address = arena.allocate(2 + SUN_PATH_BYTES, 2);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 2, path.length);
        return Optional.of(address.asSlice(0, length));
    }

    /** libc's socket, sendto and close, linked on first use; errno captured for the warning. */
    private static final class Calls {
        static final Calls LINKED = new Calls(Linker.nativeLinker());
        private static final java.lang.foreign.StructLayout STATE = Linker.Option.captureStateLayout();
        private static final java.lang.invoke.VarHandle ERRNO = STATE.varHandle(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

        private final MethodHandle socket;
        private final MethodHandle sendto;
        private final MethodHandle close;

        @SuppressWarnings("restricted") // three downcalls with libc's own signatures: socket(2), sendto(2), close(2)
        private Calls(Linker linker) {
            var libc = linker.defaultLookup();
            var errno = Linker.Option.captureCallState("errno");
            socket = linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
            sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
            close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }

        /** Sends {@code bytes} as one datagram to {@code address}; null when sent, else what went wrong. */
        String sendto(Arena arena, MemorySegment address, byte[] bytes) {
            MemorySegment state = arena.allocate(STATE);
            try {
                int fd = (int) socket.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
                if (fd < 0) {
                    return "socket(AF_UNIX, SOCK_DGRAM) failed, errno " + (int) ERRNO.get(state, 0L);
                }
                try {
                    MemorySegment message = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
                    long sent = (long) sendto.invokeExact(state, fd, message, (long) bytes.length, MSG_NOSIGNAL,
                            address, (int) address.byteSize());
                    return sent == bytes.length ? null : "sendto failed, errno " + (int) ERRNO.get(state, 0L);
                } finally {
                    // close(2) releases the descriptor even when it reports an error, so its result is not needed.
                    int ignored = (int) close.invokeExact(fd);
                }
            } catch (Throwable e) {
                return "native call failed: " + e;
            }
        }
    }
}
