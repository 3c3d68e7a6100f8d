package dk.sdu.im.server;

import dk.sdu.im.config.ConfigDirectory;
import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.GatewayConfig;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.server.ingress.HaproxyFragment;
import java.nio.file.Path;

/**
 * {@code ucloud-im haproxy-config}: prints the HAProxy configuration fragment for {@code gateway.type: haproxy}
 * ({@link HaproxyFragment}), for the administrator to review and append to HAProxy's configuration. Reads only
 * config.yml; changes nothing.
 */
public final class HaproxyConfigMain {
    private HaproxyConfigMain() {
    }

    public static void main(String[] args) {
        Path given = null; // the distribution's own configuration directory (ConfigDirectory)
        if (args.length == 2 && args[0].equals("--config-dir")) {
            given = Path.of(args[1]);
        } else if (args.length > 0) {
            System.out.print("""
                    Usage: ucloud-im haproxy-config [--config-dir DIR]
                    Prints the HAProxy configuration for gateway.type: haproxy, to append to /etc/haproxy/haproxy.cfg.
                    """);
            System.exit(args[0].equals("--help") ? 0 : 64);
        }
        try {
            ImConfig config = ImConfig.load(ConfigDirectory.orOfThisDistribution(given));
            if (config.gateway().type() != GatewayConfig.Type.HAPROXY) {
                System.err.println("ucloud-im haproxy-config: " + config.directory().resolve("config.yml")
                        + " has gateway.type embedded, so IM/Server would not keep HAProxy's routes; set gateway.type: haproxy");
                System.exit(78);
            }
            System.out.print(HaproxyFragment.of(config).text());
        } catch (ConfigException e) {
            System.err.println("ucloud-im haproxy-config: " + e.getMessage());
            System.exit(78);
        }
    }
}
