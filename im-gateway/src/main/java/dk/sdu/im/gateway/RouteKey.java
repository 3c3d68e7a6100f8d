package dk.sdu.im.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes and decodes the UCloud username that routes a request (provider API 1.5): the
 * {@code ucloud-username} header holds standard base64 (with padding) of the UTF-8 username; the
 * {@code usernameHint} query parameter holds base64url from Core, or standard base64 from the browser's
 * shell URL, so both alphabets are accepted there.
 *
 * <p>Trust: the input is untrusted. Decoding is strict: a value that is not base64 of well-formed
 * UTF-8, decodes to an empty name, or contains control characters is refused with
 * {@link IllegalArgumentException}; nothing is guessed or repaired.
 */
public final class RouteKey {
    private RouteKey() {
    }

    /** The username in a {@code ucloud-username} header value. */
    public static String fromHeader(String value) {
        return username(decode(Base64.getDecoder(), value));
    }

    /**
     * The username in a {@code usernameHint} value as it appears in the query string: percent-encoding
     * is undone first, and a {@code +} stays a {@code +} (it is a base64 character, not a space).
     */
    public static String fromHint(String queryValue) {
        String value = PercentDecoding.decode(queryValue);
        boolean urlAlphabet = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
        boolean standardAlphabet = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
        if (urlAlphabet && standardAlphabet) {
            throw new IllegalArgumentException("usernameHint mixes two base64 alphabets");
        }
        return username(decode(urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder(), value));
    }

    /** The {@code ucloud-username} header value for a username, as Core sends it. */
    public static String header(String ucloudUsername) {
        return Base64.getEncoder().encodeToString(username(ucloudUsername).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code usernameHint} value for a username, as Core sends it (base64url with padding). */
    public static String hint(String ucloudUsername) {
        return Base64.getUrlEncoder().encodeToString(username(ucloudUsername).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decode(Base64.Decoder decoder, String value) {
        try {
            return decoder.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64");
        }
    }

    private static String username(byte[] utf8) {
        try {
            return username(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8");
        }
    }

    private static String username(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the username is empty");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the username contains control characters");
        }
        return name;
    }
}
