package dk.sdu.im.gateway;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One loaded certificate with its key, ready to serve: checked when loaded (the chain parses, the server's certificate
 * has not expired, the key is the certificate's) and turned into an {@link SSLContext} of its own, so replacing it
 * never touches the connections that use the previous one. Records the {@link FileStamp}s of the files it came from.
 */
record ServerCertificate(List<X509Certificate> chain, SSLContext context, Stamps stamps) {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    /** The stamps of the certificate file and the key file, taken before they were read. */
    record Stamps(FileStamp certificate, FileStamp key) {
        static Stamps of(TlsFiles files) throws IOException {
            return new Stamps(FileStamp.of(files.certificate()), FileStamp.of(files.key()));
        }
    }

    /**
     * Reads, checks and prepares the files ({@code now} decides expiry).
     *
     * @throws CertificateRefused saying which file is wrong and how to fix it
     */
    static ServerCertificate load(TlsFiles files, Instant now) throws CertificateRefused {
        Stamps stamps = stamps(files);
        files.keyCheck().check(stamps.key().target());
        List<X509Certificate> chain = PemFiles.chain(stamps.certificate().target());
        PrivateKey key = PemFiles.key(stamps.key().target());
        X509Certificate leaf = chain.getFirst();
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            throw new CertificateRefused(files.certificate() + ": the certificate for " + subject(leaf) + " expired on "
                    + leaf.getNotAfter().toInstant() + ". Renew it (e.g. certbot renew) and name the renewed files in"
                    + " gateway.tls.");
        }
        requireMatch(files, leaf, key);
        return new ServerCertificate(chain, context(chain, key), stamps);
    }

    /** The server's own certificate. */
    X509Certificate leaf() {
        return chain.getFirst();
    }

    Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** For the log: whom the certificate is for, its serial number and its expiry. */
    String describe() {
        return subject(leaf()) + " (serial " + leaf().getSerialNumber().toString(16) + ", expires " + notAfter() + ")";
    }

    /** A server-side TLS socket over an accepted connection, with {@link TlsChoices}; the handshake is the caller's. */
    SSLSocket layer(Socket accepted) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        socket.setSSLParameters(TlsChoices.serverParameters());
        return socket;
    }

    private static Stamps stamps(TlsFiles files) throws CertificateRefused {
        try {
            return Stamps.of(files);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CertificateRefused(e.getFile() + " does not exist. Name existing files (or links to them) in"
                    + " gateway.tls.certificate and gateway.tls.key.");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CertificateRefused(e.getFile() + ": permission denied. Make the certificate and key readable by the"
                    + " service user, and the directories on the way to them searchable.");
        } catch (IOException e) {
            throw new CertificateRefused("cannot find " + files.certificate() + " or " + files.key() + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Name existing files (or links to"
                    + " them) in gateway.tls.certificate and gateway.tls.key.");
        }
    }

    /** Signs random bytes with the key and verifies them with the certificate: true for RSA and EC alike. */
    private static void requireMatch(TlsFiles files, X509Certificate leaf, PrivateKey key) throws CertificateRefused {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new CertificateRefused(files.key() + " is a " + key.getAlgorithm() + " key; use RSA or EC.");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new CertificateRefused(files.key() + " is not the private key of the certificate for " + subject(leaf)
                    + " in " + files.certificate() + ". Name the key that belongs to that certificate (certbot keeps"
                    + " them side by side: fullchain.pem and privkey.pem).");
        }
    }

    private static SSLContext context(List<X509Certificate> chain, PrivateKey key) throws CertificateRefused {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
            keys.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateRefused("the JDK cannot serve this certificate and key (" + e + "). Use an RSA or EC"
                    + " certificate with its PKCS#8 key.");
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
