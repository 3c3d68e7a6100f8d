package dk.sdu.im.server.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What systemd receives on its notification socket, read here from a datagram socket bound the way systemd binds it. */
class ServiceNotifierTest {
    @TempDir
    Path dir;

    @Test
    void readyReachesAPathSocketAsOneDatagramWithItsStatusOnOneLine() throws Throwable {
        String socket = dir.resolve("notify").toString();
        try (var systemd = Receiver.bind(socket)) {
            ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).ready("IM/Server ready\non port 1");
            assertThat(systemd.next()).contains("READY=1\nSTATUS=IM/Server ready on port 1\n");
        }
    }

    @Test
    void stoppingReachesAnAbstractSocket() throws Throwable {
        String socket = "@ucloud-im-notify-test-" + ProcessHandle.current().pid();
        try (var systemd = Receiver.bind(socket)) {
            ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).stopping("stopping instances");
            assertThat(systemd.next()).contains("STOPPING=1\nSTATUS=stopping instances\n");
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        var notifier = ServiceNotifier.fromEnvironment(Map.of());
        assertThat(notifier.active()).isFalse();
        notifier.ready("ignored"); // must neither throw nor block
        assertThat(ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).active()).isFalse();
    }

    @Test
    void aRelativeOrOverlongSocketNameIsRefusedNotThrown() {
        try (Arena arena = Arena.ofConfined()) {
            assertThat(ServiceNotifier.address(arena, "notify")).isEmpty();
            assertThat(ServiceNotifier.address(arena, "/" + "x".repeat(107))).isEmpty();
            assertThat(ServiceNotifier.address(arena, "/" + "x".repeat(106))).isPresent();
        }
        ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "notify")).ready("ignored");
    }

    @Test
    void aSocketNobodyListensOnIsAWarningNotAnException() {
        ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("absent").toString())).ready("ignored");
    }

    /** A bound AF_UNIX datagram socket, as systemd's notification socket is. */
    private static final class Receiver implements AutoCloseable {
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
        private final Arena arena = Arena.ofConfined();
        private final int fd;

        private Receiver(int fd) {
            this.fd = fd;
        }

        @SuppressWarnings("restricted") // libc's socket(2), bind(2), recv(2) and close(2), with their own signatures
        private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
        }

        static Receiver bind(String name) throws Throwable {
            var receiver = new Receiver((int) SOCKET.invokeExact(1, 2, 0));
            MemorySegment address = ServiceNotifier.address(receiver.arena, name).orElseThrow();
            int bound = (int) BIND.invokeExact(receiver.fd, address, (int) address.byteSize());
            assertThat(bound).as("bind " + name).isZero();
            return receiver;
        }

        /** The datagram already queued (a local datagram is queued before sendto returns), or empty. */
        Optional<String> next() throws Throwable {
            MemorySegment buffer = arena.allocate(4096);
            long received = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
            if (received < 0) {
                return Optional.empty();
            }
            return Optional.of(new String(buffer.asSlice(0, received).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            } finally {
                arena.close();
            }
        }
    }
}
