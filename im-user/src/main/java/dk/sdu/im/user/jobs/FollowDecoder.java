package dk.sdu.im.user.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text of a file read in chunks. A character split between two reads is kept back until its last bytes arrive,
 * so it never becomes U+FFFD; bytes that are no UTF-8 at all do (a log is shown, not judged). One chunk holds at most
 * {@code chunkBytes} bytes, the kept tail included, so one text never stands for more than that many bytes of the file.
 * Not thread-safe; one per followed file.
 */
final class FollowDecoder {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes;
    private final CharBuffer chars;

    FollowDecoder(int chunkBytes) {
        this.bytes = ByteBuffer.allocate(chunkBytes);
        this.chars = CharBuffer.allocate(chunkBytes);
    }

    /** Reads from the channel's position into the room after the kept tail; the channel's read result. */
    int readFrom(ReadableByteChannel channel) throws IOException {
        return channel.read(bytes);
    }

    /** The text of the bytes read so far, less an incomplete character at their end, which is kept for the next read. */
    String text() {
        return decode(false);
    }

    /** The kept tail as text (U+FFFD for an incomplete character), for when no more bytes will come. */
    String rest() {
        String rest = decode(true);
        reset();
        return rest;
    }

    /** Forgets the kept tail (the file was truncated or replaced). */
    void reset() {
        bytes.clear();
        utf8.reset();
    }

    private String decode(boolean endOfInput) {
        bytes.flip();
        chars.clear();
        utf8.decode(bytes, chars, endOfInput);
        if (endOfInput) {
            utf8.flush(chars);
        }
        bytes.compact();
        return chars.flip().toString();
    }
}
