package dk.sdu.im.api.http;

/** The frame opcodes of RFC 6455 5.2; every other value is reserved and fails the connection. */
enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Control frames (opcodes 0x8 and up) are never fragmented and carry at most 125 bytes. */
    boolean isControl() {
        return code >= 0x8;
    }

    static Opcode of(int code) throws ProtocolViolation {
        return switch (code) {
            case 0x0 -> CONTINUATION;
            case 0x1 -> TEXT;
            case 0x2 -> BINARY;
            case 0x8 -> CLOSE;
            case 0x9 -> PING;
            case 0xA -> PONG;
            default -> throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "reserved opcode 0x" + Integer.toHexString(code));
        };
    }
}
