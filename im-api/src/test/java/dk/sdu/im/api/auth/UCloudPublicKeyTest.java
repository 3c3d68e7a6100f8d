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
                .hasMessageContaining("not an RSA SubjectPublicKeyInfo");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        assertThatThrownBy(() -> UCloudPublicKey.load(dir.resolve("absent.pub")))
                .isInstanceOf(UCloudPublicKey.InvalidKeyFile.class).hasMessageContaining("absent.pub");
    }
}
