package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.tls.Testssl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's testssl.sh ({@link Testssl}) against an in-process gateway serving the test CA's certificate: no finding
 * may be rated HIGH or CRITICAL, and the choices that matter are as configured. The system tier scans the installed
 * site's listener the same way. Skipped with the reason when testssl is not installed.
 */
class TestsslTest {
    @TempDir
    Path dir;
    private TlsGateway tls;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Testssl.available(), Testssl.TESTSSL + " is not installed (Debian package testssl.sh),"
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
        Testssl.Scan scan = Testssl.scan(dir, tls.ca.certificate(), "localhost", tls.gateway.address().getPort());
        scan.accepted().forEach(line -> System.out.println("testssl (accepted): " + line));
        var byId = scan.byId();

        assertThat(scan.failing()).as("testssl findings rated HIGH or CRITICAL; its report:%n%s", scan.report()).isEmpty();
        assertThat(byId).as("the scan reached the gateway and rated what matters; its report:%n%s", scan.report())
                .containsKeys("TLS1_3", "TLS1_2", "TLS1_1", "cipher_order", "HSTS_time", "cert_chain_of_trust",
                        "secure_client_renego", "cipherlist_STRONG");
        assertThat(byId).containsEntry("TLS1_1", "not offered").containsEntry("TLS1_3", "offered with final")
                .containsEntry("cipher_order", "server").containsEntry("ALPN", "http/1.1")
                .containsEntry("cert_chain_of_trust", "passed.");
        assertThat(byId.get("HSTS_time")).contains("63072000");
    }
}
