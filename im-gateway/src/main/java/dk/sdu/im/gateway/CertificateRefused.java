package dk.sdu.im.gateway;

/**
 * The gateway's certificate or key cannot be served: a file is missing, unreadable, exposed to other users, not PEM
 * of the accepted kinds, expired, or the key is not the certificate's. The message is one line for the administrator,
 * saying what is wrong and how to fix it; it never contains key material.
 */
public final class CertificateRefused extends Exception {
    public CertificateRefused(String message) {
        super(message);
    }
}
