package dk.sdu.im.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How UCloud users become local Unix users (section {@code identity}).
 *
 * @param minUid the lowest uid an IM/User instance may run as; system accounts below it are never used.
 *     1 to 2147483647 (0 is refused: root may never be mapped). Default: 1000.
 * @param unmappedMessage shown to a UCloud user who has no local account here. Default: a generic text
 *     asking them to contact the site's support.
 * @param staticMappings UCloud username to local username ({@code mappings} in the file), in file order;
 *     local names are Unix user names ({@code [a-z_][a-z0-9_-]{0,31}}), never {@code root}; each UCloud
 *     username appears once. Default: none.
 */
public record IdentityConfig(int minUid, String unmappedMessage, Map<String, String> staticMappings) {
    static final Keys KEYS = Keys.of("minUid", "unmappedMessage", "mappings");
    static final String DEFAULT_UNMAPPED_MESSAGE = "Your UCloud account is not connected to a user on this system yet."
            + " Please contact the support team of this system to get an account.";

    public IdentityConfig {
        Objects.requireNonNull(unmappedMessage, "unmappedMessage");
        if (minUid < 1) {
            throw new IllegalArgumentException("minUid must be at least 1 (root may never be mapped)");
        }
        if (staticMappings.containsValue("root")) {
            throw new IllegalArgumentException("no UCloud user may be mapped to root");
        }
        staticMappings = Collections.unmodifiableMap(new LinkedHashMap<>(staticMappings));
    }

    static IdentityConfig read(YamlSection yaml) throws ConfigException {
        return new IdentityConfig(
                yaml.integer("minUid", 1000, 1, Integer.MAX_VALUE, "uid 0 is root and root may never be mapped;"
                        + " use the lowest uid of your ordinary users, typically 1000."),
                yaml.optionalValue("unmappedMessage", text -> text).orElse(DEFAULT_UNMAPPED_MESSAGE),
                mappings(yaml.optionalSection("mappings", Keys.any())));
    }

    private static Map<String, String> mappings(YamlSection yaml) throws ConfigException {
        Map<String, String> mappings = new LinkedHashMap<>();
        for (String ucloudUser : yaml.keys()) {
            if (ucloudUser.isEmpty() || !ucloudUser.codePoints().allMatch(c -> c > ' ' && !Character.isWhitespace(c))) {
                throw yaml.keyError(ucloudUser, yaml.pathOf(ucloudUser) + " is not a UCloud username: it must be non-empty"
                        + " without spaces. Write the username exactly as UCloud shows it, e.g. \"alice#1234\".");
            }
            mappings.put(ucloudUser, yaml.value(ucloudUser, IdentityConfig::localUser));
        }
        return mappings;
    }

    private static String localUser(String text) throws InvalidValue {
        String name = NamePattern.LOCAL_USER.parse(text);
        if (name.equals("root")) {
            throw new InvalidValue("must not be root", "Root may never be mapped; map this UCloud user to their own account.");
        }
        return name;
    }
}
