package dk.sdu.im.api.rpc;

import dk.sdu.im.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes a UCloud username from the base64 that routes a request (contract 1.5): the {@code ucloud-username}
 * header and the {@code usernameHint} query parameter. Untrusted input, decoded strictly: not base64 of
 * well-formed UTF-8, empty, longer than {@value #MAX_USERNAME_BYTES} bytes or holding control characters is a 400
 * naming {@code what}.
 */
final class UsernameCodec {
    static final int MAX_USERNAME_BYTES = 255;

    private UsernameCodec() {
    }

    /** The username in {@code value}; empty for a null or empty value. */
    static Optional<String> decode(String value, Base64.Decoder decoder, String what) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = decoder.decode(value.strip());
            if (bytes.length == 0 || bytes.length > MAX_USERNAME_BYTES) {
                throw ApiException.badRequest("The " + what + " is empty or too long");
            }
            String user = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (user.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("The " + what + " contains control characters");
            }
            return Optional.of(user);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw ApiException.badRequest("The " + what + " is not base64 of a UTF-8 username");
        }
    }
}
