package dk.sdu.im.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail's lines: one JSON object each, every field of its event, and never a secret or a token. */
class AuditOutputTest {
    private static final String REFRESH_TOKEN = "8f14e45fceea167a5a36dedd4bea2543c9f0f895fb98ab9159f51fd0297e236d";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJfVUNsb3VkIn0.c2lnbmF0dXJlLXBsYW50ZWQ";
    @TempDir
    Path dir;
    private Handler handler;

    @AfterEach
    void release() {
        Logger audit = Logger.getLogger(Audit.LOGGER);
        audit.removeHandler(handler);
        audit.setUseParentHandlers(true);
        handler.close();
    }

    private List<JsonNode> written(Path file) throws Exception {
        var mapper = new ObjectMapper();
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return mapper.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
        }).toList();
    }

    @Test
    void eachEventIsOneJsonLineWithItsFieldsAndSecretsPlantedAnywhereAreRemoved() throws Exception {
        Path file = dir.resolve("audit.log");
        handler = AuditOutput.install(LineSink.file(file), "im-server", List.of(REFRESH_TOKEN, "short"));
        var audit = new Audit();

        audit.tokenRejected("im-server", "bad signature of " + JWT, REFRESH_TOKEN);
        audit.launchRefused("alice#1234", 503, "the launch failed: Bearer " + REFRESH_TOKEN.substring(0, 30) + "\nnext");
        audit.adminCommand(new Audit.Caller(0, 0, 42), "StopInstance", "ucloudUser=alice#1234", "ok");

        String raw = Files.readString(file);
        assertThat(raw).doesNotContain(REFRESH_TOKEN).doesNotContain(REFRESH_TOKEN.substring(0, 30))
                .doesNotContain(JWT).doesNotContain("c2lnbmF0dXJlLXBsYW50ZWQ");
        List<JsonNode> lines = written(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("event").asText()).isEqualTo("token.rejected");
        assertThat(lines.get(0).get("reason").asText()).isEqualTo("bad signature of [token]");
        assertThat(lines.get(0).get("claimed_user").asText()).isEqualTo("[secret]");
        assertThat(lines.get(1).get("reason").asText()).isEqualTo("the launch failed: Bearer [token]\\nnext".replace("\\n", "\n"));
        assertThat(lines.get(1).get("status").asInt()).isEqualTo(503);
        JsonNode admin = lines.get(2);
        assertThat(admin.get("process").asText()).isEqualTo("im-server");
        assertThat(admin.get("uid").asInt()).isZero();
        assertThat(admin.get("pid").asLong()).isEqualTo(42);
        assertThat(admin.get("command").asText()).isEqualTo("StopInstance");
        assertThat(admin.get("arguments").asText()).isEqualTo("ucloudUser=alice#1234");
        assertThat(admin.get("outcome").asText()).as("a short 'secret' would blank words").isEqualTo("ok");
        assertThat(admin.has("time")).isTrue();
    }

    /** A forged token per request must not fill the disk: a flood becomes a few lines and a count. */
    @Test
    void aFloodOfRejectedTokensIsCutToTheLimitAndCountedOnce() throws Exception {
        Path file = dir.resolve("audit.log");
        handler = AuditOutput.install(LineSink.file(file), "im-server", List.of());
        var clock = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        var audit = new Audit(clock::get);

        for (int i = 0; i < 5000; i++) {
            if (i % 2 == 0) {
                audit.tokenRejected("im-server", "bad signature", "mallory#" + i);
            } else {
                audit.tokenRejectedByInstance("alice#1", "alice", 1100, 77, "bad signature", "mallory#" + i);
            }
        }
        audit.launchRefused("bob#2", 403, "not mapped to a local account"); // other events are never held back
        clock.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
        audit.tokenRejected("im-server", "expired", "carol#3");

        List<JsonNode> lines = written(file);
        assertThat(lines.stream().filter(line -> line.get("event").asText().equals("token.rejected")))
                .hasSize(Audit.REJECTIONS_PER_SECOND + 1);
        assertThat(lines.get(Audit.REJECTIONS_PER_SECOND).get("event").asText()).isEqualTo("launch.refused");
        JsonNode suppressed = lines.get(Audit.REJECTIONS_PER_SECOND + 1);
        assertThat(suppressed.get("event").asText()).isEqualTo("audit.suppressed");
        assertThat(suppressed.get("suppressed").asText()).isEqualTo("token.rejected");
        assertThat(suppressed.get("count").asLong()).isEqualTo(5000 - Audit.REJECTIONS_PER_SECOND);
        assertThat(suppressed.get("seconds").asInt()).isEqualTo(1);
        assertThat(lines.getLast().get("claimed_user").asText()).as("the next second writes again").isEqualTo("carol#3");
        assertThat(lines).hasSize(Audit.REJECTIONS_PER_SECOND + 3);
    }

    @Test
    void auditLinesStayOutOfTheProcessLog() throws Exception {
        Path auditFile = dir.resolve("audit.log");
        Path logFile = dir.resolve("server.log");
        LogOutput.install(LogOutput.Format.TEXT, java.util.logging.Level.INFO, "im-server", LineSink.file(logFile));
        handler = AuditOutput.install(LineSink.file(auditFile), "im-server", List.of());
        try {
            new Audit().mappingCreated("alice#1", "alice", 1100, "first use");
            Logger.getLogger("dk.sdu.im.test").info("an ordinary line");
        } finally {
            java.util.logging.LogManager.getLogManager().readConfiguration(); // the JDK's console handler again
        }

        assertThat(Files.readString(auditFile)).contains("mapping.created").doesNotContain("an ordinary line");
        assertThat(Files.readString(logFile)).contains("an ordinary line").doesNotContain("mapping.created");
    }
}
