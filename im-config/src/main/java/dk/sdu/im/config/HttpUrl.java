package dk.sdu.im.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Parses an absolute http or https URL without user info, query or fragment, such as a provider's public
 * address or UCloud Core's. A trailing {@code /} is removed, so callers can append paths that start with
 * {@code /}.
 */
final class HttpUrl implements ValueParser<URI> {
    private static final String FIX = "Write it like https://cloud.example.org (an optional port and path are allowed).";

    @Override
    public URI parse(String text) throws InvalidValue {
        URI uri = syntax(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValue("must be an absolute http:// or https:// URL", FIX);
        }
        if (uri.getHost() == null) {
            throw new InvalidValue("must name a host (letters, digits, '-' and '.', or an IP address)", FIX);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValue("must not contain a user name or password",
                    "Remove the part before '@'; this file is readable by every local user.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidValue("must not have a query ('?') or fragment ('#')", "Remove everything from the '?' or '#'.");
        }
        return withoutTrailingSlash(uri, text);
    }

    private static URI syntax(String text) throws InvalidValue {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidValue("must be an absolute http:// or https:// URL", FIX);
        }
    }

    private static URI withoutTrailingSlash(URI uri, String text) {
        String trimmed = text;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.equals(text) ? uri : URI.create(trimmed);
    }
}
