package dk.sdu.im.server.ucloud;

import dk.sdu.im.config.CoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP client IM/Server calls UCloud with ({@link AccessTokens}, {@link CoreClient}). An {@code https} UCloud is
 * verified as the JDK verifies any server: the certificate chain against the JDK's default trust store (on Debian the
 * system's, {@code /etc/ssl/certs/java/cacerts}), and the host name of {@code core.url} against the certificate (the
 * JDK client's endpoint identification). {@code core.caFile} adds CA certificates to that trust, for a test site whose
 * UCloud has a private CA; it never replaces it. Nothing here turns host name verification off, and
 * {@link #client} refuses to build a client when the JDK property that would is set.
 */
public final class CoreHttp {
    /** The JDK's switch that makes its HTTP client skip host name verification (jdk.internal.net.http.common.Utils). */
    static final String NO_HOSTNAME_VERIFICATION = "jdk.internal.httpclient.disableHostnameVerification";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private CoreHttp() {
    }

    /**
     * The client for {@code core}.
     *
     * @throws Refused when {@code core.caFile} cannot be used or host name verification is switched off
     */
    public static HttpClient client(CoreConfig core) throws Refused {
        requireHostnameVerification(System.getProperty(NO_HOSTNAME_VERIFICATION));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (core.caFile().isPresent()) {
            builder.sslContext(context(core.caFile().get()));
        }
        return builder.build();
    }

    /** Refuses the property's values that the JDK reads as "off" (present and empty, or {@code true}). */
    static void requireHostnameVerification(String property) throws Refused {
        if (property != null && (property.isEmpty() || Boolean.parseBoolean(property))) {
            throw new Refused("the JVM runs with -D" + NO_HOSTNAME_VERIFICATION + ", which makes every HTTPS call accept"
                    + " any certificate for any host; remove it from the JVM's options");
        }
    }

    /** The JDK's default trust anchors plus the certificates in {@code caFile}. */
    static KeyStore trustStore(Path caFile) throws Refused {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate anchor : defaultTrust().getAcceptedIssuers()) {
                trust.setCertificateEntry("default-" + n++, anchor);
            }
            n = 0;
            for (Certificate added : caCertificates(caFile)) {
                trust.setCertificateEntry("core-ca-file-" + n++, added);
            }
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new Refused("core.caFile: the JDK cannot build a trust store from its default trust and " + caFile + " ("
                    + e + ")");
        }
    }

    private static SSLContext context(Path caFile) throws Refused {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(caFile));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new Refused("core.caFile: the JDK cannot trust " + caFile + " (" + e + ")");
        }
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no default X.509 trust manager");
    }

    private static Collection<? extends Certificate> caCertificates(Path caFile) throws Refused {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (IOException e) {
            throw new Refused("core.caFile: cannot read " + caFile + " (" + e.getClass().getSimpleName() + "); make it"
                    + " readable by the service user, or remove core.caFile");
        } catch (CertificateException e) {
            // Refused below.
        }
        throw new Refused("core.caFile: " + caFile + " holds no PEM certificate (BEGIN CERTIFICATE); name the file of the"
                + " CA certificate that signed UCloud's, or remove core.caFile");
    }

    /** The client cannot be built as configured; the message is one line for the administrator. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
