package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every peer the IPC server refuses is written to the audit trail with the kernel's facts about it and the reason. */
class PeerRefusedAuditTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final Logger audit = Logger.getLogger(IpcAudit.LOGGER);
    private final List<LogRecord> events = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            events.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAudit() {
        audit.addHandler(capture);
        audit.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        audit.removeHandler(capture);
        audit.setUseParentHandlers(true);
    }

    @Test
    void aLocalUserSendingWhatTheTableRefusesIsAuditedWithItsUidPidAndTheReason() throws Exception {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJfVUNsb3VkIn0.planted-signature";
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, IpcServer.Settings.DEFAULT_MAX_CONNECTIONS,
                Duration.ofMinutes(1)); // a first handshake loads classes: never mistaken for a peer's silence
             InstanceConnection connection = fixture.connectInstance()) {
            assertThat(connection.request(new InstanceToServer.ClaimSeen(token))).isInstanceOf(ServerToInstance.Refused.class);
            connection.closed().toCompletableFuture().get(5, TimeUnit.SECONDS);

            Map<?, ?> fields = awaitEvent("ipc.peer_refused");
            assertThat(fields.get("uid")).isEqualTo(ThisProcess.uid());
            assertThat(fields.get("gid")).isEqualTo(ThisProcess.gid());
            assertThat(fields.get("pid")).isEqualTo(ThisProcess.pid());
            assertThat(fields.get("kind")).isEqualTo("local_user");
            assertThat((String) fields.get("reason")).contains("ClaimSeen is not permitted");
            assertThat(fields.toString()).doesNotContain(token).doesNotContain("planted-signature");
        }
    }

    @Test
    void aPeerOverItsShareOfConnectionsIsAudited() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(dir, PeerKind.LOCAL_USER, IpcServer.Settings.DEFAULT_MAX_CONNECTIONS,
                Duration.ofMinutes(1))) {
            var held = new java.util.ArrayList<RawPeer>();
            try {
                for (int i = 0; i <= IpcServer.Settings.DEFAULT_CONNECTIONS_PER_UID; i++) {
                    held.add(fixture.raw());
                }
                Map<?, ?> fields = awaitEvent("ipc.peer_refused");
                assertThat(fields.get("uid")).isEqualTo(ThisProcess.uid());
                assertThat((String) fields.get("reason")).contains("already holds");
            } finally {
                for (RawPeer peer : held) {
                    peer.close();
                }
            }
        }
    }

    private Map<?, ?> awaitEvent(String event) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (LogRecord record : events) {
                if (record.getMessage().equals(event)) {
                    return (Map<?, ?>) record.getParameters()[0];
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no audit event " + event + " in " + events.stream().map(LogRecord::getMessage).toList());
    }
}
