package dk.sdu.im.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses anything that is not (overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences), as RFC 6455 8.1 requires for text messages and close reasons. Never replaces.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
