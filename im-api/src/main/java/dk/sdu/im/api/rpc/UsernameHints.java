package dk.sdu.im.api.rpc;

import dk.sdu.im.api.ApiException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every {@code usernameHint} value of one request (contract 1.5), percent-decoded. Core writes base64url; the
 * browser's frontend writes standard base64 ({@code btoa}) and appends its own hint to every download URL it is
 * given ({@code normalizeDownloadEndpoint}), so a URL can carry the parameter more than once, in either alphabet.
 * That is fine as long as every value names the same user; values naming different users are refused.
 *
 * <p>A space in a value is read as {@code +}: base64 has no spaces, and a query decoder that follows HTML forms
 * (the JDK's {@code URLDecoder}, Go's {@code url.ParseQuery}) turns the browser's raw {@code +} into one.
 *
 * <p>Untrusted input; immutable.
 *
 * @param values the parameter's values in order, as the query decoder gave them; empty values are ignored
 */
public record UsernameHints(List<String> values) {
    /** A request without the parameter. */
    public static final UsernameHints NONE = new UsernameHints(List.of());

    public UsernameHints {
        values = values.stream().map(Objects::requireNonNull).filter(v -> !v.isEmpty()).toList();
    }

    public static UsernameHints of(String... values) {
        return new UsernameHints(List.of(values));
    }

    /**
     * The one user every value names; empty when there is no value. ApiException 400 when a value is not base64
     * of a username or two values name different users.
     */
    public Optional<String> user() {
        Optional<String> named = Optional.empty();
        for (String value : values) {
            Optional<String> user = decode(value);
            if (named.isPresent() && !named.equals(user)) {
                throw ApiException.badRequest("The usernameHint parameters name different users");
            }
            named = user;
        }
        return named;
    }

    /**
     * Whether the hints allow a capability issued to {@code ucloudUser}: true without hints, false when any value
     * cannot be decoded or names someone else. For capability URLs, whose every refusal looks the same.
     */
    public boolean allow(String ucloudUser) {
        try {
            return user().map(ucloudUser::equals).orElse(true);
        } catch (ApiException e) {
            return false;
        }
    }

    private static Optional<String> decode(String value) {
        String base64 = value.replace(' ', '+');
        boolean urlAlphabet = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
        return UsernameCodec.decode(base64, urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder(), "usernameHint");
    }
}
