package dk.sdu.im.testkit.browser;

/** One message in a {@code WEBSOCKET_V2} server frame (contract 6.2); a frame may carry several. */
public sealed interface ServerMessage {
    /** Opcode 0: send me this file's data. */
    record Ok(int fileId) implements ServerMessage {
    }

    /** Opcode 3: the server already has this file (same size, mtime within a minute). */
    record Skip(int fileId) implements ServerMessage {
    }

    /** Opcode 5: cumulative number of files finished, written or skipped. */
    record Completed(int count) implements ServerMessage {
    }

    /**
     * Anything else: an opcode the contract does not define for the server (CHECKSUM, 1, is reserved and has
     * no layout), or a message cut short. Parsing stops here since the rest of the frame cannot be delimited.
     */
    record Unrecognised(int opcode, int bytesLeft) implements ServerMessage {
    }
}
