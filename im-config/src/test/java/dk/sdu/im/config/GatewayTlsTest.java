package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static dk.sdu.im.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gateway.tls names the certificate and key files, core.caFile the extra CA; the key file is checked like secrets.yml. */
class GatewayTlsTest {
    @TempDir
    Path dir;

    @Test
    void withoutTlsSectionTheGatewaySpeaksPlainHttp() throws ConfigException {
        assertThat(load(dir, MINIMAL).gateway().tls()).isEmpty();
        assertThat(load(dir, HEAD + PRODUCTS + "gateway:\n  port: 443\n  tls:\n").gateway().tls()).isEmpty();
    }

    @Test
    void readsBothFilesResolvingRelativePathsAgainstTheConfigurationDirectory() throws ConfigException {
        ImConfig config = load(dir, HEAD + PRODUCTS + """
                gateway:
                  host: 0.0.0.0
                  port: 443
                  tls:
                    certificate: /etc/letsencrypt/live/im.example.org/fullchain.pem
                    key: tls/privkey.pem
                """);

        assertThat(config.gateway().port()).isEqualTo(443);
        assertThat(config.gateway().tls()).contains(new GatewayTls(
                Path.of("/etc/letsencrypt/live/im.example.org/fullchain.pem"), config.directory().resolve("tls/privkey.pem")));
    }

    @Test
    void aTlsSectionNeedsTheKeyToo() {
        ConfigException error = loadError(dir, HEAD + PRODUCTS + "gateway:\n  tls:\n    certificate: cert.pem\n");

        assertAt(error, 15, 5);
        assertThat(error.problem()).contains("gateway.tls.key");
    }

    @Test
    void refusesUnknownKeysInTheTlsSection() {
        ConfigException error = loadError(dir, HEAD + PRODUCTS
                + "gateway:\n  tls:\n    certificate: c.pem\n    key: k.pem\n    password: x\n");

        assertAt(error, 17, 5);
        assertThat(error.problem()).contains("password");
    }

    @Test
    void coreCaFileIsOptionalAndResolvedLikeThePublicKey() throws ConfigException {
        assertThat(load(dir, MINIMAL).core().caFile()).isEmpty();

        ImConfig config = load(dir, HEAD + "  caFile: test-ca.pem\n" + PRODUCTS);

        assertThat(config.core().caFile()).contains(config.directory().resolve("test-ca.pem"));
    }

    @Test
    void acceptsAKeyFileOwnedByTheServiceUserWithMode0600() throws IOException, ConfigException {
        Path key = key("rw-------");

        GatewayTls.checkKeyFile(key, ownUid(key));
    }

    @Test
    void refusesAKeyFileReadableByGroupSayingHowToFixIt() throws IOException {
        Path key = key("rw-r-----");

        assertThatThrownBy(() -> GatewayTls.checkKeyFile(key, ownUid(key))).isInstanceOf(ConfigException.class)
                .hasMessage(key + ": privkey.pem is readable by group or others (mode 0640); run: chmod 600 " + key);
    }

    @Test
    void refusesAKeyFileOfAnotherOwnerSayingHowToFixIt() throws IOException {
        Path key = key("rw-------");
        int uid = ownUid(key);
        Assumptions.assumeTrue(uid == 0, "giving a file to another owner needs root; these tests run as uid " + uid);
        Files.setAttribute(key, "unix:uid", 4242);

        assertThatThrownBy(() -> GatewayTls.checkKeyFile(key, 0)).isInstanceOf(ConfigException.class)
                .hasMessage(key + ": privkey.pem is owned by uid 4242, not by uid 0, the service user;"
                        + " run as root: chown 0 " + key);
    }

    @Test
    void refusesAMissingKeyFileSayingWhatToWrite() {
        Path key = dir.resolve("privkey.pem");

        assertThatThrownBy(() -> GatewayTls.checkKeyFile(key, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist. Write the gateway's private key there (gateway.tls.key),"
                        + " owned by the service user with mode 0600.");
    }

    @Test
    void refusesASymbolicLinkItself() throws IOException {
        Path target = key("rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link.pem"), target);

        assertThatThrownBy(() -> GatewayTls.checkKeyFile(link, ownUid(target))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("link.pem is a symbolic link");
    }

    private Path key(String permissions) throws IOException {
        Path key = write(dir, "privkey.pem", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));
        return key;
    }

    private static int ownUid(Path createdFile) throws IOException {
        return (Integer) Files.getAttribute(createdFile, "unix:uid");
    }
}
