package dk.sdu.im.user.transfer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A browser-facing capability route of this provider, {@code /ucloud/<providerId>/<route>}, and the URLs to it. The
 * gateway routes such a URL by {@code usernameHint} (contract 1.5) to the user's own instance, the only one that
 * knows the token. Who adds the hint differs:
 * <ul>
 * <li>uploads: {@code <publicUrl>/ucloud/<providerId>/upload?token=<t>&usernameHint=<base64url(user)>}
 *     ({@link #url(String, String)}), since the frontend opens an upload endpoint as it gets it;
 * <li>downloads: {@code <publicUrl>/ucloud/<providerId>/download?token=<t>} ({@link #url(String)}), as the Go module
 *     hands it out, since the frontend appends {@code usernameHint=<base64(user)>} to every download endpoint itself
 *     ({@code normalizeDownloadEndpoint}); a hint of ours would reach the module twice.
 * </ul>
 *
 * @param path the request path the route is mounted at, e.g. {@code /ucloud/slurm/upload}
 * @param base the public URL without a trailing slash, followed by {@code path}
 */
record CapabilityEndpoint(String path, String base) {
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    CapabilityEndpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(base, "base");
    }

    /**
     * @param publicUrl where browsers reach this provider (the gateway): an absolute http or https URL without
     *     query, as in {@code provider.publicUrl}; a trailing {@code /} is ignored
     */
    static CapabilityEndpoint of(URI publicUrl, String providerId, String route) {
        if (providerId == null || !PROVIDER_ID.matcher(providerId).matches()) {
            throw new IllegalArgumentException("not a provider id: " + providerId);
        }
        String path = "/ucloud/" + providerId + "/" + route;
        return new CapabilityEndpoint(path, origin(publicUrl) + path);
    }

    /** The URL carrying only {@code token}: the browser adds the hint that routes it. */
    String url(String token) {
        return base + "?token=" + token;
    }

    /** The URL carrying {@code token} and the hint that routes it to {@code ucloudUser}'s instance. */
    String url(String token, String ucloudUser) {
        // base64url with padding, as Core writes usernameHint (gateway RouteKey.hint); '=' is allowed in a query value.
        String hint = Base64.getUrlEncoder().encodeToString(ucloudUser.getBytes(StandardCharsets.UTF_8));
        return url(token) + "&usernameHint=" + hint;
    }

    private static String origin(URI publicUrl) {
        Objects.requireNonNull(publicUrl, "publicUrl");
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || publicUrl.getHost() == null
                || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the public URL must be an absolute http(s) URL without query: " + publicUrl);
        }
        String text = publicUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
