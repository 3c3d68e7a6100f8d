package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's testssl.sh against an in-process gateway serving the test CA's certificate: no finding may be rated HIGH
 * or CRITICAL. The scan covers protocols, cipher categories, forward secrecy, server defaults and preferences, HTTP
 * headers (HSTS) and the known vulnerabilities; it trusts the test CA ({@code --add-ca}), so the chain is rated as a
 * site's real chain would be. Takes one to two minutes on a 2-core machine (most of it is testssl's own shell work);
 * skipped with the reason when testssl is not installed.
 */
class TestsslTest {
    private static final Path TESTSSL = Path.of("/usr/bin/testssl");
    private static final Set<String> FAILING = Set.of("HIGH", "CRITICAL");

    @TempDir
    Path dir;
    private TlsGateway tls;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TESTSSL), TESTSSL + " is not installed (Debian package testssl.sh),"
                + " so the gateway's TLS is not scanned");
        tls = TlsGateway.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void testsslFindsNothingHighOrCritical() throws Exception {
        Scan scan = scan();
        List<String> failing = new ArrayList<>();
        Map<String, String> byId = new TreeMap<>();
        for (JsonNode finding : scan.findings()) {
            String severity = finding.path("severity").asText();
            String line = severity + " " + finding.path("id").asText() + ": " + finding.path("finding").asText();
            byId.put(finding.path("id").asText(), finding.path("finding").asText());
            if (FAILING.contains(severity)) {
                failing.add(line);
            } else if (!Set.of("OK", "INFO").contains(severity)) {
                System.out.println("testssl (accepted): " + line);
            }
        }

        assertThat(failing).as("testssl findings rated HIGH or CRITICAL; its report:%n%s", scan.report()).isEmpty();
        assertThat(byId).as("the scan reached the gateway and rated what matters; its report:%n%s", scan.report())
                .containsKeys("TLS1_3", "TLS1_2", "TLS1_1", "cipher_order", "HSTS_time", "cert_chain_of_trust",
                        "secure_client_renego", "cipherlist_STRONG");
        assertThat(byId).containsEntry("TLS1_1", "not offered").containsEntry("TLS1_3", "offered with final")
                .containsEntry("cipher_order", "server").containsEntry("ALPN", "http/1.1")
                .containsEntry("cert_chain_of_trust", "passed.");
        assertThat(byId.get("HSTS_time")).contains("63072000");
    }

    /** What testssl found (its JSON file) and printed. */
    private record Scan(JsonNode findings, String report) {
    }

    /** Runs testssl without its fast mode (it then probes ciphers with its own sockets, not only what openssl knows). */
    private Scan scan() throws IOException, InterruptedException {
        Path json = dir.resolve("testssl.json");
        Path output = dir.resolve("testssl.txt");
        List<String> command = List.of(TESTSSL.toString(), "--quiet", "--color", "0", "--warnings", "off",
                "--openssl", "/usr/bin/openssl", "--add-ca", tls.ca.certificate().toString(), "--ip", "127.0.0.1",
                "--jsonfile", json.toString(), "-p", "-s", "-f", "-S", "-P", "-h", "-U",
                "localhost:" + tls.gateway.address().getPort());
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("testssl did not finish within 5 minutes:\n" + Files.readString(output));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(json).as("testssl wrote its findings; it printed:%n%s", report).exists();
        return new Scan(new ObjectMapper().readTree(json.toFile()), report);
    }
}
