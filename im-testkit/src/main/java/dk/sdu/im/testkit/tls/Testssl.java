package dk.sdu.im.testkit.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's testssl.sh against one TLS listener on loopback, trusting a given CA ({@code --add-ca}), so the chain is
 * rated as a site's real chain would be. The scan covers protocols, cipher categories, forward secrecy, server
 * defaults and preferences, HTTP headers (HSTS) and the known vulnerabilities, without testssl's fast mode (it then
 * probes ciphers with its own sockets, not only what openssl knows). Takes one to two minutes on a quiet 2-core machine.
 */
public final class Testssl {
    public static final Path TESTSSL = Path.of("/usr/bin/testssl");
    private static final Set<String> FAILING = Set.of("HIGH", "CRITICAL");
    private static final Set<String> QUIET = Set.of("OK", "INFO");

    private Testssl() {
    }

    /** Whether testssl is installed (Debian package testssl.sh). */
    public static boolean available() {
        return Files.isExecutable(TESTSSL);
    }

    /**
     * What one scan found: each finding's text by its id, the findings rated HIGH or CRITICAL, the others rated
     * neither OK nor INFO (as "SEVERITY id: finding"), and what testssl printed.
     */
    public record Scan(Map<String, String> byId, List<String> failing, List<String> accepted, String report) {
    }

    /** Scans {@code host:port} (resolved to 127.0.0.1); testssl's files go to {@code workDir}. */
    public static Scan scan(Path workDir, Path trustedCa, String host, int port) throws IOException, InterruptedException {
        Path json = workDir.resolve("testssl-" + port + ".json");
        Path output = workDir.resolve("testssl-" + port + ".txt");
        Files.deleteIfExists(json);
        List<String> command = List.of(TESTSSL.toString(), "--quiet", "--color", "0", "--warnings", "off",
                "--openssl", "/usr/bin/openssl", "--add-ca", trustedCa.toString(), "--ip", "127.0.0.1",
                "--jsonfile", json.toString(), "-p", "-s", "-f", "-S", "-P", "-h", "-U", host + ":" + port);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("testssl did not finish within 10 minutes:\n" + Files.readString(output));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        if (!Files.exists(json)) {
            throw new IllegalStateException("testssl wrote no findings; it printed:\n" + report);
        }
        return parse(new ObjectMapper().readTree(json.toFile()), report);
    }

    private static Scan parse(JsonNode findings, String report) {
        Map<String, String> byId = new TreeMap<>();
        List<String> failing = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (JsonNode finding : findings) {
            String severity = finding.path("severity").asText();
            String id = finding.path("id").asText();
            String text = finding.path("finding").asText();
            byId.put(id, text);
            String line = severity + " " + id + ": " + text;
            if (FAILING.contains(severity)) {
                failing.add(line);
            } else if (!QUIET.contains(severity)) {
                accepted.add(line);
            }
        }
        return new Scan(byId, failing, accepted, report);
    }
}
