package dk.sdu.im.gateway;

import javax.net.ssl.SSLParameters;

/**
 * What the gateway's TLS offers: Mozilla's "intermediate" configuration (TLS 1.3 and 1.2; for 1.2 only ECDHE key
 * exchange with AES-GCM or ChaCha20-Poly1305, so no CBC, no static RSA key exchange and no finite-field DHE), the
 * curves X25519, P-256 and P-384, the server's order of preference (testssl rates a server without one as HIGH), no
 * client certificates, and ALPN {@code http/1.1} only: the gateway speaks HTTP/1.1 and nothing else.
 */
final class TlsChoices {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };
    static final String[] NAMED_GROUPS = {"x25519", "secp256r1", "secp384r1"};
    static final String[] APPLICATION_PROTOCOLS = {"http/1.1"};

    private TlsChoices() {
    }

    /** Fresh parameters for one server-side socket. */
    static SSLParameters serverParameters() {
        SSLParameters parameters = new SSLParameters(CIPHER_SUITES.clone(), PROTOCOLS.clone());
        parameters.setNamedGroups(NAMED_GROUPS.clone());
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS.clone());
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        return parameters;
    }
}
