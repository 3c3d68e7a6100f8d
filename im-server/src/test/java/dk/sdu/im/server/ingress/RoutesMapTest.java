package dk.sdu.im.server.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands sent for each change and how HAProxy's answers are judged, against a fake runtime API. */
class RoutesMapTest {
    @TempDir
    Path dir;

    @Test
    void putChangesAnEntryInPlaceAndAddsOnlyAMissingOne() throws Exception {
        try (var fake = FakeRuntimeApi.start(dir.resolve("api.sock"), command ->
                command.startsWith("set map /m YWxpY2U=") ? "entry not found.\n\n" : "\n")) {
            RoutesMap map = map();
            map.put("YWxpY2U=", 4001);
            map.put("Ym9i", 4002);
            assertThat(fake.commands).containsExactly("set map /m YWxpY2U= 4001", "add map /m YWxpY2U= 4001", "set map /m Ym9i 4002");
        }
    }

    @Test
    void removingAMissingKeyIsFineAnyOtherAnswerIsAFailure() throws Exception {
        try (var _ = FakeRuntimeApi.start(dir.resolve("api.sock"), command -> command.contains("Ym9i")
                ? "Key not found.\n" : "Unknown map identifier. Please use #<id> or <file>.\n")) {
            RoutesMap map = map();
            map.remove("Ym9i");
            assertThatThrownBy(() -> map.remove("YWxpY2U=")).isInstanceOf(RoutesMap.UnexpectedAnswer.class)
                    .hasMessageContaining("Unknown map identifier");
            assertThatThrownBy(() -> map.put("YWxpY2U=", 1)).isInstanceOf(RoutesMap.UnexpectedAnswer.class);
        }
    }

    @Test
    void replacingEverythingIsOneNewVersionCommitted() throws Exception {
        try (var fake = FakeRuntimeApi.start(dir.resolve("api.sock"), command ->
                command.startsWith("prepare") ? "New version created: 7\n" : "\n")) {
            map().replaceAll(new java.util.LinkedHashMap<>(Map.of("YWxpY2U=", 4001)));
            assertThat(fake.commands).containsExactly("prepare map /m", "add map @7 /m YWxpY2U= 4001", "commit map @7 /m");
        }
    }

    @Test
    void aListingWithAKeyTwiceIsNotInStepAndGarbageIsAFailure() throws Exception {
        try (var _ = FakeRuntimeApi.start(dir.resolve("api.sock"), command -> command.equals("show map /m")
                ? "0x1 YWxpY2U= 4001\n0x2 YWxpY2U= 4002\n\n" : "Pid: 12\nStart_time_sec: 1700000000\n")) {
            assertThat(map().entries()).isEmpty();
            assertThat(HaproxyProcess.ask(api())).isEqualTo(new HaproxyProcess(12, 1_700_000_000L));
        }
        try (var _ = FakeRuntimeApi.start(dir.resolve("other.sock"), command -> "Permission denied\n")) {
            RoutesMap map = new RoutesMap(new RuntimeApi(dir.resolve("other.sock"), Duration.ofSeconds(2),
                    Executors.newSingleThreadScheduledExecutor()), Path.of("/m"));
            assertThatThrownBy(map::entries).isInstanceOf(RoutesMap.UnexpectedAnswer.class);
        }
    }

    @Test
    void keysThatCouldCarryAnotherCommandAreRefusedBeforeAnythingIsSent() throws Exception {
        try (var fake = FakeRuntimeApi.start(dir.resolve("api.sock"), command -> "\n")) {
            assertThatThrownBy(() -> map().put("a;shutdown", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> map().remove("a b")).isInstanceOf(IllegalArgumentException.class);
            assertThat(fake.commands).isEmpty();
        }
    }

    @Test
    void aSilentHaproxyIsAFailureAfterTheTimeout() throws Exception {
        var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("silent.sock")));
        try (server) {
            var api = new RuntimeApi(dir.resolve("silent.sock"), Duration.ofMillis(300), Executors.newSingleThreadScheduledExecutor());
            assertThatThrownBy(() -> api.send("show info")).isInstanceOf(java.io.IOException.class);
        }
    }

    private RuntimeApi api() {
        return new RuntimeApi(dir.resolve("api.sock"), Duration.ofSeconds(2), Executors.newSingleThreadScheduledExecutor());
    }

    private RoutesMap map() {
        return new RoutesMap(api(), Path.of("/m"));
    }
}
