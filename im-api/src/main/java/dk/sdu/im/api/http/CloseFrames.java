package dk.sdu.im.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** The payload of close frames (RFC 6455 5.5.1): empty, or a two-byte code followed by a UTF-8 reason. */
final class CloseFrames {
    /** 125 bytes of control payload minus the code. */
    private static final int MAX_REASON_BYTES = 123;

    private CloseFrames() {
    }

    /**
     * The peer's close frame; code 1005 if it had none.
     *
     * @throws ProtocolViolation (1002) for a one-byte payload or a code that may not be sent, (1007) for a reason
     *     that is not UTF-8
     */
    static Incoming.Closed parse(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            return new Incoming.Closed(CloseCodes.NO_STATUS, "");
        }
        int code = payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        if (!CloseCodes.mayBeSent(code)) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "a close frame with an invalid code");
        }
        try {
            return new Incoming.Closed(code, StrictUtf8.decode(payload, 2, payload.length - 2));
        } catch (CharacterCodingException e) {
            throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "a close reason that is not valid UTF-8");
        }
    }

    /** The payload for a close this side sends; the reason is cut at a character boundary to fit. */
    static ByteBuffer payload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_REASON_BYTES);
        while (length < text.length && (text[length] & 0xC0) == 0x80) {
            length--;
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + length);
        payload.putShort((short) code).put(text, 0, length);
        return payload.flip();
    }

    /** RFC 6455 5.5.1: the answer to a close echoes its code, and is empty if it had none. */
    static ByteBuffer echo(Incoming.Closed close) {
        return close.code() == CloseCodes.NO_STATUS ? ByteBuffer.allocate(0) : payload(close.code(), "");
    }
}
