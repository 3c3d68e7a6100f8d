package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.log.Audit;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every admin command answered is audited with its caller and outcome, whichever command and however it ends. */
class AuditedAdminTest {
    private static final Peer ROOT = new Peer(4711, 0, 0);
    @TempDir
    Path dir;

    @Test
    void aRefusedAndAFailedCommandAreAuditedWithTheirOutcome() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("audit.log"), List.of())) {
            var refusing = new AuditedAdmin((peer, message) -> new ServerToAdmin.Refused("nothing to list"), new Audit());
            var failing = new AuditedAdmin((peer, message) -> {
                throw new IllegalStateException("the supervisor is gone");
            }, new Audit());

            assertThat(refusing.onMessage(ROOT, new AdminToServer.ListInstances("")))
                    .isEqualTo(new ServerToAdmin.Refused("nothing to list"));
            assertThatThrownBy(() -> failing.onMessage(ROOT, new AdminToServer.ListInstances("")))
                    .isInstanceOf(IllegalStateException.class);

            JsonNode refused = audit.await("admin.command", l -> l.path("outcome").asText().startsWith("refused"));
            assertThat(refused.path("outcome").asText()).isEqualTo("refused: nothing to list");
            assertThat(refused.path("pid").asLong()).isEqualTo(4711);
            assertThat(refused.path("command").asText()).isEqualTo("ListInstances");
            JsonNode failed = audit.await("admin.command", l -> l.path("outcome").asText().startsWith("failed"));
            assertThat(failed.path("outcome").asText()).isEqualTo("failed: the supervisor is gone");
        }
    }

    @Test
    void aCommandsArgumentsAreItsRecordComponents() {
        assertThat(AuditedAdmin.arguments(new AdminToServer.ListInstances(""))).isEqualTo("after=");
        assertThat(AuditedAdmin.arguments(new AdminToServer.ListInstances("bob#2"))).isEqualTo("after=bob#2");
        assertThat(AuditedAdmin.arguments(new AdminToServer.Hello("ucloud-im", 1))).isEqualTo("protocol=ucloud-im version=1");
    }
}
