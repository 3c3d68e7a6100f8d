package dk.sdu.im.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's certificate chain and private key from PEM files, with the JDK alone. The key must be
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC, which is what certbot and {@code openssl req} write; the
 * older per-algorithm forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) and encrypted keys are
 * refused with the {@code openssl} command that converts them, rather than parsed by hand-written DER code.
 *
 * <p>Both files are the administrator's, but are read as untrusted text: bounded in size, opened without following a
 * link (the caller passes the link's target), and never quoted in a message.
 */
final class PemFiles {
    private static final int MAX_BYTES = 1 << 20;
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private PemFiles() {
    }

    /** The certificates of {@code file} in file order: the server's first. */
    static List<X509Certificate> chain(Path file) throws CertificateRefused {
        byte[] bytes = read(file);
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (!chain.isEmpty()) {
                return chain;
            }
        } catch (CertificateException e) {
            // Refused below, with the same advice as an empty file.
        }
        throw new CertificateRefused(file + " holds no PEM certificate (BEGIN CERTIFICATE). gateway.tls.certificate"
                + " must name the certificate chain, e.g. certbot's fullchain.pem, and gateway.tls.key its private key.");
    }

    /** The first private key in {@code file}. */
    static PrivateKey key(Path file) throws CertificateRefused {
        Matcher block = KEY_BLOCK.matcher(new String(read(file), StandardCharsets.US_ASCII));
        if (!block.find()) {
            throw new CertificateRefused(file + " holds no PEM private key. gateway.tls.key must name the private key"
                    + " of gateway.tls.certificate, e.g. certbot's privkey.pem.");
        }
        String label = block.group(1);
        if (!label.equals("PRIVATE KEY")) {
            throw refusedForm(file, label);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new CertificateRefused(file + " holds a damaged PEM private key (its base64 is invalid). Copy the key"
                    + " again from where it was made.");
        }
        return pkcs8(file, der);
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws CertificateRefused {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not a key of this algorithm; try the next.
            }
        }
        throw new CertificateRefused(file + " holds a private key that is neither RSA nor EC, or is damaged. Use an RSA"
                + " or EC (P-256, P-384) key, as certbot makes by default.");
    }

    private static CertificateRefused refusedForm(Path file, String label) {
        if (label.equals("ENCRYPTED PRIVATE KEY")) {
            return new CertificateRefused(file + " holds an encrypted private key, and IM/Server cannot ask for its"
                    + " passphrase. Decrypt it: openssl pkcs8 -in " + file + " -out " + file + ".pkcs8 (then chmod 600"
                    + " the new file and name it in gateway.tls.key).");
        }
        return new CertificateRefused(file + " holds a private key in the traditional " + label + " form; the gateway"
                + " reads PKCS#8 (BEGIN PRIVATE KEY). Convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out "
                + file + ".pkcs8 (then chmod 600 the new file and name it in gateway.tls.key).");
    }

    private static byte[] read(Path file) throws CertificateRefused {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CertificateRefused(file + " is larger than 1 MiB, which no certificate chain or key is. Name"
                        + " the PEM files in gateway.tls.");
            }
            return bytes;
        } catch (IOException e) {
            throw new CertificateRefused("cannot read " + file + " (" + e.getClass().getSimpleName() + "). Make it"
                    + " readable by the service user.");
        }
    }
}
