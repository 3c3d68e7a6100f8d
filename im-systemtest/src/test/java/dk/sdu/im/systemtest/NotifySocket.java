package dk.sdu.im.systemtest;

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
 * path that the service account may send to, as {@code /run/systemd/notify} is. The JDK has no unix datagram sockets,
 * so it is made through the foreign function interface. Not thread-safe; one reader.
 */
final class NotifySocket implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));
    private static final int MSG_DONTWAIT = 0x40;
    private final Arena arena = Arena.ofShared();
    private final Path path;
    private final int fd;
    private final List<String> received = new ArrayList<>();

    private NotifySocket(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    @SuppressWarnings("restricted") // libc's socket(2), bind(2), recv(2) and close(2), with their own signatures
    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /** Binds a fresh socket at {@code path} (removed first), writable by everyone like systemd's. */
    static NotifySocket bind(Path path) throws IOException {
        Files.deleteIfExists(path);
        try {
            var socket = new NotifySocket(path, (int) SOCKET.invokeExact(1, 2, 0));
            byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
            MemorySegment address = socket.arena.allocate(110, 2);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int bound = (int) BIND.invokeExact(socket.fd, address, 2 + name.length + 1);
            if (socket.fd < 0 || bound != 0) {
                throw new IOException("cannot bind a datagram socket at " + path);
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            return socket;
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("native calls unavailable", e);
        }
    }

    Path path() {
        return path;
    }

    /** Every datagram received so far, in order (reading what is queued without waiting). */
    List<String> messages() {
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
    boolean saw(String line) {
        return messages().stream().anyMatch(m -> m.lines().anyMatch(line::equals));
    }

    @Override
    public void close() throws IOException {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            arena.close();
            Files.deleteIfExists(path);
        }
    }
}
