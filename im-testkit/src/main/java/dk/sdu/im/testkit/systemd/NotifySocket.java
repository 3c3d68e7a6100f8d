package dk.sdu.im.testkit.systemd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for systemd's notification socket ({@code $NOTIFY_SOCKET}): an {@code AF_UNIX} datagram socket bound to a
 * path that every account may send to, as {@code /run/systemd/notify} is, or to an abstract name ({@code @name}), as
 * systemd also hands out. The JDK has no unix datagram sockets, so it is made through the foreign function interface
 * (the JVM needs {@code --enable-native-access}). Written from {@code sd_notify(3)} and {@code unix(7)}, independently
 * of the module's sender. Not thread-safe; one reader.
 */
public final class NotifySocket implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;
    /** {@code sizeof(struct sockaddr_un)}: the family, then 108 bytes of name. */
    private static final int ADDRESS_BYTES = 110;
    private final Arena arena = Arena.ofShared();
    private final String name;
    private final int fd;
    private final List<String> received = new ArrayList<>();

    private NotifySocket(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    @SuppressWarnings("restricted") // libc's socket(2), bind(2), recv(2) and close(2), with their own signatures
    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /** Binds a fresh socket at {@code path} (removed first), writable by everyone like systemd's. */
    public static NotifySocket bind(Path path) throws IOException {
        Files.deleteIfExists(path);
        NotifySocket socket = bind(path.toString());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        return socket;
    }

    /** Binds a fresh socket to {@code name}: an absolute path, or {@code @} and an abstract name. */
    public static NotifySocket bind(String name) throws IOException {
        boolean abstractName = name.startsWith("@");
        byte[] bytes = (abstractName ? name.substring(1) : name).getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > ADDRESS_BYTES - 2) {
            throw new IOException("a socket name of " + bytes.length + " bytes is too long: " + name);
        }
        try {
            var socket = new NotifySocket(name, (int) SOCKET.invokeExact(AF_UNIX, SOCK_DGRAM, 0));
            MemorySegment address = socket.arena.allocate(ADDRESS_BYTES, 2);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            // An abstract name starts with a NUL and is exactly as long as the length says; a path ends with one.
            int at = abstractName ? 3 : 2;
            MemorySegment.copy(bytes, 0, address, ValueLayout.JAVA_BYTE, at, bytes.length);
            int length = abstractName ? at + bytes.length : at + bytes.length + 1;
            int bound = socket.fd < 0 ? -1 : (int) BIND.invokeExact(socket.fd, address, length);
            if (bound != 0) {
                socket.close();
                throw new IOException("cannot bind a datagram socket to " + name);
            }
            return socket;
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("native calls unavailable", e);
        }
    }

    /** What {@code $NOTIFY_SOCKET} is set to for a sender: the path, or {@code @} and the abstract name. */
    public String name() {
        return name;
    }

    /** Every datagram received so far, in order (reading what is queued without waiting). */
    public List<String> messages() {
        try {
            MemorySegment buffer = arena.allocate(4096);
            for (long n; (n = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT)) > 0; ) {
                received.add(new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(received);
    }

    /** Whether some datagram received so far holds the line {@code line} (e.g. {@code READY=1}). */
    public boolean saw(String line) {
        return messages().stream().anyMatch(m -> m.lines().anyMatch(line::equals));
    }

    /** Closes the socket and removes its path (an abstract name leaves nothing behind). */
    @Override
    public void close() throws IOException {
        try {
            int ignored = fd < 0 ? 0 : (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            arena.close();
            if (!name.startsWith("@")) {
                Files.deleteIfExists(Path.of(name));
            }
        }
    }
}
