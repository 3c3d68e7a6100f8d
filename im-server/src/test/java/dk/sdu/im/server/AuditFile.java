package dk.sdu.im.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.log.AuditOutput;
import dk.sdu.im.api.log.LineSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;

/**
 * The real audit trail (AuditOutput's JSON lines, scrubbed of {@code secrets}) written to a file in a test directory,
 * read back line by line. Installed for one test; {@link #close} gives the audit logger back.
 */
public final class AuditFile implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Handler handler;

    public AuditFile(Path file, Collection<String> secrets) throws IOException {
        this.file = file;
        this.handler = AuditOutput.install(LineSink.file(file), "im-server", secrets);
    }

    /** Every line as written, raw text. */
    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Waits for a line of {@code event} that {@code matches}; the bound only stops a broken test. */
    public JsonNode await(String event, Predicate<JsonNode> matches) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode line : parsed()) {
                if (line.path("event").asText().equals(event) && matches.test(line)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + event + " line matching in " + lines());
    }

    public JsonNode await(String event) throws IOException, InterruptedException {
        return await(event, line -> true);
    }

    private List<JsonNode> parsed() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines()) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    @Override
    public void close() {
        java.util.logging.Logger audit = java.util.logging.Logger.getLogger(dk.sdu.im.api.log.Audit.LOGGER);
        audit.removeHandler(handler);
        audit.setUseParentHandlers(true);
        handler.close();
    }
}
