package dk.sdu.im.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogOutputTest {
    private static LogRecord requestRecord() {
        var entry = new RequestLog.Entry("integration.connect", "al\"ice#1", 403, 1.5);
        var record = new LogRecord(Level.INFO, entry.text());
        record.setLoggerName(RequestLog.LOGGER);
        record.setParameters(new Object[] {entry});
        return record;
    }

    @Test
    void jsonFormatWritesRequestFieldsSeparatelyOnOneLine() throws Exception {
        String line = new LogOutput.JsonLines("im-server").format(requestRecord());
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        var json = new ObjectMapper().readTree(line);
        assertThat(json.get("call").asText()).isEqualTo("integration.connect");
        assertThat(json.get("user").asText()).isEqualTo("al\"ice#1");
        assertThat(json.get("status").asInt()).isEqualTo(403);
        assertThat(json.get("ms").asDouble()).isEqualTo(1.5);
        assertThat(json.get("process").asText()).isEqualTo("im-server");
    }

    @Test
    void jsonFormatEscapesMessagesAndStackTraces() throws Exception {
        var record = new LogRecord(Level.WARNING, "line one\nline \"two\"\t\u0001");
        record.setThrown(new IllegalStateException("boom"));
        var json = new ObjectMapper().readTree(new LogOutput.JsonLines("im-server").format(record));
        assertThat(json.get("message").asText()).isEqualTo("line one\nline \"two\"\t\u0001");
        assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void textFormatIsOneLinePerRequest() {
        String line = new LogOutput.TextLines("im-server").format(requestRecord());
        assertThat(line).contains("INFO im-server request: call=integration.connect user=al\"ice#1 status=403 ms=1.50")
                .endsWith("\n");
    }

    @Test
    void anInstancesLineNamesItsUsersAsFieldsAndItsBracesAreNotAFormat() throws Exception {
        var record = new LogRecord(Level.INFO, "instance alice#1 (alice, launch pid 7) | {0} it's '{'");
        record.setParameters(new Object[] {new LogOutput.InstanceOf("alice#1", "alice", 7)});

        var json = new ObjectMapper().readTree(new LogOutput.JsonLines("im-server").format(record));
        String text = new LogOutput.TextLines("im-server").format(record);

        assertThat(json.get("user").asText()).isEqualTo("alice#1");
        assertThat(json.get("local_user").asText()).isEqualTo("alice");
        assertThat(json.get("instance_pid").asLong()).isEqualTo(7);
        assertThat(json.get("message").asText()).isEqualTo("instance alice#1 (alice, launch pid 7) | {0} it's '{'");
        assertThat(text).contains("instance alice#1 (alice, launch pid 7) | {0} it's '{'");
    }
}
