package dk.sdu.im.user.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Whether a browser request's username hint ({@code usernameHint} query parameter, base64url, or the
 * {@code UCloud-Username} header, standard base64; contract 1.5 and 6.3) names the token's user. The hint is
 * optional, the token alone being the credential; a hint naming someone else, in either alphabet, refuses the
 * token, so a URL for alice is not honoured when presented as bob's.
 */
final class UsernameHint {
    private UsernameHint() {
    }

    static boolean names(String hint, String ucloudUser) {
        if (hint == null || hint.isEmpty()) {
            return true;
        }
        boolean urlAlphabet = hint.indexOf('-') >= 0 || hint.indexOf('_') >= 0;
        try {
            byte[] named = (urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(hint);
            return Arrays.equals(named, ucloudUser.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
