package dk.sdu.im.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How IM/Server launches and supervises IM/User instances (section {@code instances}).
 *
 * @param launch how an instance is started: {@code sudo} (production: the service user runs {@code launcher}
 *     as the end user through the sudo rule printed by {@code ucloud-im sudoers}) or {@code direct}
 *     (development only: the instance runs as IM/Server's own user, without sudo; only users mapped to that
 *     same uid can be served). Default: {@code sudo}.
 * @param launcher the one program the sudo rule allows; absolute; it and everything it loads must be owned by
 *     root and writable by nobody else. The sudo rule's alias names derive from it (one set per installation).
 *     Default: {@code /opt/ucloud-im/bin/ucloud-im-user}.
 * @param serviceUser the account IM/Server runs as. Default: {@code ucloud}.
 * @param userGroup the Unix group whose members instances may run as (the sudo rule's run-as list).
 *     Default: {@code ucloud-users}.
 * @param ipcSocket the unix socket instances and the admin CLI use to reach IM/Server; absolute.
 *     Default: {@code /run/ucloud/ucloud.sock}.
 * @param idleTimeout an instance with no request, no open WebSocket and no transfer for this long exits;
 *     10 to 86400 seconds. Default: 900.
 * @param startTimeout how long a launch may take until the instance registered; 1 to 120 seconds. Default: 20.
 * @param serverLossGrace an instance that lost IM/Server for this long exits (no orphans); 1 to 3600 seconds.
 *     Default: 30.
 */
public record InstancesConfig(Launch launch, Path launcher, String serviceUser, String userGroup, Path ipcSocket,
                              Duration idleTimeout, Duration startTimeout, Duration serverLossGrace) {
    static final Keys KEYS = Keys.of("launch", "launcher", "serviceUser", "userGroup", "ipcSocket",
            "idleTimeoutSeconds", "startTimeoutSeconds", "serverLossGraceSeconds");

    /** How instances are started. */
    public enum Launch { SUDO, DIRECT }

    public InstancesConfig {
        Objects.requireNonNull(launch, "launch");
        if (!launcher.isAbsolute() || !ipcSocket.isAbsolute()) {
            throw new IllegalArgumentException("launcher and ipcSocket must be absolute");
        }
        if (serviceUser.equals("root")) {
            throw new IllegalArgumentException("serviceUser may not be root");
        }
    }

    static InstancesConfig read(YamlSection yaml, Path configDirectory) throws ConfigException {
        var absolute = new ResolvedPath(configDirectory);
        String serviceUser = yaml.optionalValue("serviceUser", NamePattern.LOCAL_USER).orElse("ucloud");
        if (serviceUser.equals("root")) {
            throw yaml.valueError("serviceUser", "must not be root: IM processes never run as root. Use e.g. ucloud");
        }
        return new InstancesConfig(
                yaml.choice("launch", Map.of("sudo", Launch.SUDO, "direct", Launch.DIRECT), Launch.SUDO),
                yaml.optionalValue("launcher", absolute).orElse(Path.of("/opt/ucloud-im/bin/ucloud-im-user")),
                serviceUser,
                yaml.optionalValue("userGroup", NamePattern.LOCAL_USER).orElse("ucloud-users"),
                yaml.optionalValue("ipcSocket", absolute).orElse(Path.of("/run/ucloud/ucloud.sock")),
                Duration.ofSeconds(yaml.integer("idleTimeoutSeconds", 900, 10, 86400)),
                Duration.ofSeconds(yaml.integer("startTimeoutSeconds", 20, 1, 120)),
                Duration.ofSeconds(yaml.integer("serverLossGraceSeconds", 30, 1, 3600)));
    }
}
