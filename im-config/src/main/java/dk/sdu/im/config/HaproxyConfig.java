package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * HAProxy as the public listener (section {@code gateway.haproxy}, read only with {@code gateway.type: haproxy}).
 * IM/Server keeps HAProxy's routes in step through {@code runtimeSocket} and {@code mapFile}; {@code ucloud-im
 * haproxy-config} prints the configuration fragment that ties them together.
 *
 * <p>Trust: {@code user} decides whose loopback connections every IM/User instance admits besides the service
 * account's and root's. Instances read it from this root-owned file (checked before every launch), never from
 * IM/Server, so the service account cannot widen it.
 *
 * @param runtimeSocket HAProxy's runtime API (its {@code stats socket}), which the printed fragment declares owned
 *     by the service user, mode 0600, level operator; absolute. Default: {@code /run/haproxy/ucloud-im.sock}.
 * @param mapFile the routes map (base64 UCloud username, as in the {@code ucloud-username} header, to an instance's
 *     loopback port), rewritten by IM/Server at every change (write and rename) so that a restarted HAProxy starts
 *     with every route; its directory must be the service user's. A relative path resolves against
 *     {@code server.stateDir}. Default: {@code <server.stateDir>/haproxy-routes.map}.
 * @param user the Unix account HAProxy runs as ({@code user} in its {@code global} section); instances admit its
 *     connections. Not root. Default: {@code haproxy} (Debian's).
 * @param bind HAProxy's public address, {@code [host]:port} as HAProxy's {@code bind} takes it (e.g. {@code :443},
 *     {@code 192.0.2.7:443}, {@code [::]:443}); only printed. Default: {@code :443}.
 * @param certificate the PEM file (certificate chain and private key) HAProxy terminates TLS with; absolute; only
 *     printed (IM/Server never reads it). Default: {@code /etc/haproxy/certs/ucloud-im.pem}.
 */
public record HaproxyConfig(Path runtimeSocket, Path mapFile, String user, String bind, Path certificate) {
    static final Keys KEYS = Keys.of("runtimeSocket", "mapFile", "user", "bind", "certificate");
    /** What HAProxy's configuration and runtime API take as a file name without quoting. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");
    private static final Pattern BIND = Pattern.compile("(|[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");

    public HaproxyConfig {
        for (Path path : new Path[] {runtimeSocket, mapFile, certificate}) {
            if (!PLAIN_PATH.matcher(path.toString()).matches()) {
                throw new IllegalArgumentException("runtimeSocket, mapFile and certificate must be absolute plain paths: " + path);
            }
        }
        if (!NamePattern.LOCAL_USER.matches(Objects.requireNonNull(user, "user")) || user.equals("root")) {
            throw new IllegalArgumentException("user must be a Unix user name other than root: " + user);
        }
        if (!validBind(Objects.requireNonNull(bind, "bind"))) {
            throw new IllegalArgumentException("bind must be [host]:port: " + bind);
        }
    }

    /** The defaults, with the map file in {@code stateDir}. */
    static HaproxyConfig defaults(Path stateDir) {
        return new HaproxyConfig(Path.of("/run/haproxy/ucloud-im.sock"), stateDir.resolve("haproxy-routes.map"),
                "haproxy", ":443", Path.of("/etc/haproxy/certs/ucloud-im.pem"));
    }

    static HaproxyConfig read(YamlSection yaml, Path configDirectory, Path stateDir) throws ConfigException {
        HaproxyConfig defaults = defaults(stateDir);
        ValueParser<Path> absolute = plain(new ResolvedPath(configDirectory));
        String user = yaml.optionalValue("user", NamePattern.LOCAL_USER).orElse(defaults.user());
        if (user.equals("root")) {
            throw yaml.valueError("user", yaml.pathOf("user") + " must not be root: HAProxy drops root after binding."
                    + " Use the account it runs as, e.g. haproxy");
        }
        return new HaproxyConfig(
                yaml.optionalValue("runtimeSocket", absolute).orElse(defaults.runtimeSocket()),
                yaml.optionalValue("mapFile", plain(new ResolvedPath(stateDir))).orElse(defaults.mapFile()),
                user,
                yaml.optionalValue("bind", HaproxyConfig::parseBind).orElse(defaults.bind()),
                yaml.optionalValue("certificate", absolute).orElse(defaults.certificate()));
    }

    /** Paths HAProxy reads unquoted: letters, digits and {@code . _ / + -} only. */
    private static ValueParser<Path> plain(ResolvedPath resolved) {
        return text -> {
            Path path = resolved.parse(text);
            if (!PLAIN_PATH.matcher(path.toString()).matches()) {
                throw new InvalidValue("must be a path of letters, digits and . _ / + - only",
                        "HAProxy's configuration and runtime API take it unquoted; choose a path without spaces or quotes.");
            }
            return path;
        };
    }

    private static String parseBind(String text) throws InvalidValue {
        if (!validBind(text)) {
            throw new InvalidValue("must be [host]:port with a port of 1 to 65535",
                    "Write it as HAProxy's bind takes it, e.g. :443, 192.0.2.7:443 or [::]:443.");
        }
        return text;
    }

    private static boolean validBind(String text) {
        var matcher = BIND.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= 65535;
    }
}
