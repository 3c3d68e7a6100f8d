package dk.sdu.im.gateway;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A connection's buffered input, which a {@link ChannelCopy} can empty into its own buffer: a bulk copy reads the
 * socket's channel directly, but must first take the bytes that parsing the head already pulled into this buffer.
 */
final class EndpointInput extends BufferedInputStream {
    EndpointInput(InputStream in, int size) {
        super(in, size);
    }

    /** How many bytes are buffered but not yet read. */
    synchronized int buffered() {
        return count - pos;
    }

    /** Moves as many buffered bytes as fit into {@code dst}; how many (0 when nothing is buffered). */
    synchronized int takeBuffered(ByteBuffer dst) {
        int count = Math.min(this.count - pos, dst.remaining());
        if (count <= 0) {
            return 0;
        }
        dst.put(buf, pos, count);
        pos += count;
        return count;
    }
}
