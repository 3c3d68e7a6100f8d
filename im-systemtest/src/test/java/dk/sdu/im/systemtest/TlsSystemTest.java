package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Installation.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import dk.sdu.im.testkit.tls.Testssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed site's TLS listener, as UCloud and browsers meet it: in embedded mode the embedded gateway serving
 * the certificate itself ({@code gateway.tls}, its key owned by the service account), in haproxy mode HAProxy with
 * the configuration {@code ucloud-im haproxy-config} printed. A user call is served over it, and Debian's testssl.sh
 * finds nothing rated HIGH or CRITICAL there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsSystemTest {
    private static final String ALICE_UCLOUD = "alice#1234";
    private Installation site;
    private ProviderClient client;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs sudo rules and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        assumeTrue(Testssl.available(), Testssl.TESTSSL + " is not installed (./test installs testssl.sh when run as root)");
        site = Installation.installWithTls(Path.of(System.getProperty("im.dist")));
        // Patient: the first call starts alice's instance, on a machine the scan keeps busy.
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens(), Duration.ofSeconds(60));
    }

    @AfterAll
    void uninstall() throws Exception {
        if (client != null) {
            client.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aUserCallIsServedOverTheSitesTls() throws Exception {
        assertThat(site.gateway().getScheme()).isEqualTo("https");
        Reply browse = client.asUser(ALICE_UCLOUD).post("files/browse", """
                {"resolvedCollection":{"id":"7","providerGeneratedId":"home %s\\n/home/%s"},"Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}"""
                .formatted(ALICE_UCLOUD, ALICE));
        assertThat(browse.status()).as(browse.body()).isEqualTo(200);
    }

    @Test
    void testsslFindsNothingHighOrCriticalOnTheSitesListener(@TempDir Path dir) throws Exception {
        Testssl.Scan scan = Testssl.scan(dir, TestTls.authority(), "localhost", site.gateway().getPort());
        scan.accepted().forEach(line -> System.out.println("testssl (accepted, " + Installation.MODE + "): " + line));

        assertThat(scan.failing()).as("testssl findings rated HIGH or CRITICAL; its report:%n%s", scan.report()).isEmpty();
        assertThat(scan.byId()).as("the scan reached the listener; its report:%n%s", scan.report())
                .containsEntry("TLS1_1", "not offered").containsEntry("TLS1_3", "offered with final")
                .containsEntry("cert_chain_of_trust", "passed.").containsEntry("cipherlist_AVERAGE", "not offered")
                .containsEntry("cipherlist_3DES_IDEA", "not offered").containsEntry("ALPN", "http/1.1");
    }
}
