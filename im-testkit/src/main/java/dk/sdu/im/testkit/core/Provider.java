package dk.sdu.im.testkit.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A provider registered with FakeCore, with the material Core hands to the provider's operator
 * (contract 2.1): the refresh token (64 lower-case hex characters) and the public key as standard base64
 * of the DER X.509 SubjectPublicKeyInfo, one line, no PEM armour. {@link #tokens()} mints the JWTs Core
 * sends to this provider.
 *
 * <p>{@link #toString()} leaves the refresh token out so it does not end up in test logs.
 */
public record Provider(String id, String refreshToken, String publicKeyBase64, CoreTokens tokens) {
    public Provider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** Writes the key as UCloud's {@code ucloud_key.pub}: the base64 line plus a newline. */
    public void writePublicKey(Path file) throws IOException {
        Files.writeString(file, publicKeyBase64 + "\n", StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Provider[id=" + id + "]";
    }
}
