package dk.sdu.im.api.auth;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * UCloud's per-provider public key in UCloud's own format: standard base64 of the DER X.509
 * SubjectPublicKeyInfo on one line, no PEM armour. PEM armour is tolerated because administrators paste it.
 */
public final class UCloudPublicKey {
    private static final int MIN_RSA_BITS = 2048;

    private UCloudPublicKey() {
    }

    /** Reads the key file; the message of the exception says what is wrong and where. */
    public static RSAPublicKey load(Path file) throws InvalidKeyFile {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new InvalidKeyFile(file + ": UCloud's public key file does not exist. Copy the provider's publicKey"
                    + " from UCloud into this file (core.publicKeyFile names it).");
        } catch (AccessDeniedException e) {
            throw new InvalidKeyFile(file + ": cannot read UCloud's public key: permission denied. Make it readable by"
                    + " everyone (chmod 644; every user's instance reads it) and its directories searchable (chmod a+x).");
        } catch (IOException e) {
            throw new InvalidKeyFile(file + ": cannot read UCloud's public key (" + e.getMessage()
                    + "). Copy the provider's publicKey from UCloud into this file.");
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyFile(file + ": " + e.getMessage());
        }
    }

    /** Parses the key text; throws IllegalArgumentException with an actionable message. */
    public static RSAPublicKey parse(String text) {
        String base64 = text.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("the UCloud public key is empty; paste the provider's publicKey from UCloud");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the UCloud public key is not standard base64 (" + e.getMessage() + "): it"
                    + " must be one line of letters, digits, '+', '/' and '=' as UCloud shows it. Copy the provider's"
                    + " publicKey from UCloud again");
        }
        try {
            var key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (key.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("the UCloud public key has only " + key.getModulus().bitLength()
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the UCloud public key is base64, but what it decodes to (" + der.length
                    + " bytes) is not an RSA public key (an X.509 SubjectPublicKeyInfo), so it is cut short or something"
                    + " else. Copy the provider's whole publicKey from UCloud again");
        }
    }

    /** The key file is missing or malformed. */
    public static final class InvalidKeyFile extends Exception {
        public InvalidKeyFile(String message) {
            super(message);
        }
    }
}
