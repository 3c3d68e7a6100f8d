package dk.sdu.im.server.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.systemd.NotifySocket;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What systemd receives on its notification socket, read here from a datagram socket bound the way systemd binds it (the testkit's). */
class ServiceNotifierTest {
    @TempDir
    Path dir;

    @Test
    void readyReachesAPathSocketAsOneDatagramWithItsStatusOnOneLine() throws Exception {
        String socket = dir.resolve("notify").toString();
        try (var systemd = NotifySocket.bind(socket)) {
            ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).ready("IM/Server ready\non port 1");
            assertThat(systemd.messages()).containsExactly("READY=1\nSTATUS=IM/Server ready on port 1\n");
        }
    }

    @Test
    void stoppingReachesAnAbstractSocket() throws Exception {
        String socket = "@ucloud-im-notify-test-" + ProcessHandle.current().pid();
        try (var systemd = NotifySocket.bind(socket)) {
            ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket)).stopping("stopping instances");
            assertThat(systemd.messages()).containsExactly("STOPPING=1\nSTATUS=stopping instances\n");
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
}
