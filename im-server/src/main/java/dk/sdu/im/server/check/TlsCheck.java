package dk.sdu.im.server.check;

import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.GatewayTls;
import dk.sdu.im.gateway.CertificateRefused;
import dk.sdu.im.gateway.TlsFiles;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The gateway's certificate and key ({@code gateway.tls}), read and matched as the gateway does at start; the key file
 * must belong to the service user and be private to it, as IM/Server checks it.
 */
final class TlsCheck {
    private TlsCheck() {
    }

    /** @param serviceUid the service user's uid; empty when unknown, and the key's owner is then not checked */
    static void check(GatewayTls tls, OptionalInt serviceUid, Instant now, Findings findings) {
        var files = new TlsFiles(tls.certificate(), tls.key(), file -> {
            if (serviceUid.isPresent()) {
                try {
                    GatewayTls.checkKeyFile(file, serviceUid.getAsInt());
                } catch (ConfigException e) {
                    throw new CertificateRefused(e.getMessage());
                }
            }
        });
        try {
            files.verify(now);
        } catch (CertificateRefused refused) {
            findings.problem("gateway.tls: " + refused.getMessage());
        }
    }
}
