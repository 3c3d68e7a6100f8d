package dk.sdu.im.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UCloudPublicKeyTest {
    private final TestKeys keys = new TestKeys(Instant.now());
    private final String oneLine = Base64.getEncoder().encodeToString(keys.publicKey().getEncoded());

    @Test
    void readsUCloudsOneLineBase64Format(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ucloud_key.pub"), oneLine + "\n");
        assertThat(UCloudPublicKey.load(file)).isEqualTo(keys.publicKey());
    }

    @Test
    void toleratesPemArmour() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + oneLine.substring(0, 64) + "\n" + oneLine.substring(64)
                + "\n-----END PUBLIC KEY-----\n";
        assertThat(UCloudPublicKey.parse(pem)).isEqualTo(keys.publicKey());
    }

    @Test
    void rejectsGarbageWithActionableMessage() {
        assertThatThrownBy(() -> UCloudPublicKey.parse("!!!")).hasMessageContaining("not standard base64");
        assertThatThrownBy(() -> UCloudPublicKey.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> UCloudPublicKey.parse(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                .hasMessageContaining("is base64, but what it decodes to (3 bytes) is not an RSA public key");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        assertThatThrownBy(() -> UCloudPublicKey.load(dir.resolve("absent.pub")))
                .isInstanceOf(UCloudPublicKey.InvalidKeyFile.class).hasMessageContaining("absent.pub")
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!"root".equals(System.getProperty("user.name")),
                "root reads any file; the system tier and config check's tests cover this as root through another account");
        Path key = java.nio.file.Files.writeString(dir.resolve("ucloud_key.pub"), "AAAA\n");
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> UCloudPublicKey.load(key)).hasMessageContaining("permission denied");
    }
}
