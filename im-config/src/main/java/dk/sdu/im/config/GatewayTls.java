package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the embedded gateway (section {@code gateway.tls}). Without this section the gateway speaks plain HTTP,
 * for a loopback address behind the site's own TLS terminator. The files are read by IM/Server, which checks them
 * at start-up and reloads them when they change (a certbot renewal); see the gateway's documentation.
 *
 * @param certificate PEM file with the server's certificate first and the intermediate certificates after it
 *     (certbot's {@code fullchain.pem}); absolute (a relative path in the file is resolved against the configuration
 *     directory). Required in the section.
 * @param key PEM file with the certificate's private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}, what certbot
 *     and {@code openssl req -newkey} write), RSA or EC; absolute, resolved like {@code certificate}. Required in the
 *     section. The file (the target, when it is a symbolic link) must be owned by the service user and private to
 *     it, like {@code secrets.yml}: see {@link #checkKeyFile}.
 */
public record GatewayTls(Path certificate, Path key) {
    static final Keys KEYS = Keys.of("certificate", "key");

    public GatewayTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    /** The section's value: empty when it is absent or empty (plain HTTP), else both files, which are then required. */
    static Optional<GatewayTls> read(YamlSection tls, Path configDirectory) throws ConfigException {
        if (tls.keys().isEmpty()) {
            return Optional.empty();
        }
        var path = new ResolvedPath(configDirectory);
        return Optional.of(new GatewayTls(tls.value("certificate", path), tls.value("key", path)));
    }

    /**
     * Checks a private key file as {@code secrets.yml} is checked (a regular file, no permission bit for group or
     * others) and that {@code serviceUid} owns it: whoever owns the key can read it and swap it.
     *
     * @param file the key file itself: a caller that follows a symbolic link passes the link's target
     * @throws ConfigException naming the file, what is wrong and the command that fixes it
     */
    public static void checkKeyFile(Path file, int serviceUid) throws ConfigException {
        PrivateFile.check(file, serviceUid, "Write the gateway's private key there (gateway.tls.key)");
    }
}
