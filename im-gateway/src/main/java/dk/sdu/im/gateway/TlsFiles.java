package dk.sdu.im.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the gateway's certificate and private key are, for HTTPS toward clients. Both may be symbolic links (certbot's
 * {@code /etc/letsencrypt/live/...}): the gateway reads their targets, checks them at start, and looks at them again
 * every {@code recheck}; once both files have settled after a change it serves the new certificate to new
 * connections, while open connections and tunnels keep the one they started with.
 *
 * @param certificate PEM: the server's certificate, then its intermediates
 * @param key PEM: the certificate's private key, unencrypted PKCS#8, RSA or EC
 * @param keyCheck vets the key file (its link resolved) before every read: who owns it, who else may read it
 * @param recheck how often the files are looked at for a renewal; 10 ms to 1 hour
 */
public record TlsFiles(Path certificate, Path key, KeyFileCheck keyCheck, Duration recheck) {
    /** How often the files are looked at unless told otherwise. */
    public static final Duration RECHECK = Duration.ofSeconds(5);

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyCheck, "keyCheck");
        Objects.requireNonNull(recheck, "recheck");
        if (recheck.toMillis() < 10 || recheck.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("recheck must be 10 ms to 1 hour: " + recheck);
        }
    }

    /** The files, looked at every {@link #RECHECK}. */
    public TlsFiles(Path certificate, Path key, KeyFileCheck keyCheck) {
        this(certificate, key, keyCheck, RECHECK);
    }

    /**
     * Reads and checks the files as the gateway does at start, serving nothing ({@code ucloud-im config check}).
     *
     * @param now decides whether the certificate has expired
     * @throws CertificateRefused saying which file is wrong and how to fix it
     */
    public void verify(java.time.Instant now) throws CertificateRefused {
        ServerCertificate.load(this, now);
    }

    /** Decides whether a private key file may be used; IM/Server checks it as it checks {@code secrets.yml}. */
    @FunctionalInterface
    public interface KeyFileCheck {
        /**
         * @param file the key file itself, any symbolic link already followed
         * @throws CertificateRefused saying what is wrong with the file and how to fix it
         */
        void check(Path file) throws CertificateRefused;
    }
}
