package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;

/**
 * Moves bulk bytes (a large fixed-length body, a WebSocket tunnel's traffic) from one endpoint to another, reporting
 * every read and write to an {@link IdleWatch}, which alone times the copy out. Between two plain sockets the bytes
 * go through their channels ({@link ChannelCopy}, which copies nothing in Java); when one end is a TLS client, whose
 * socket has no channel, through the streams ({@link StreamCopy}).
 */
sealed interface BulkCopy extends AutoCloseable permits ChannelCopy, StreamCopy {
    /** The copy for these two endpoints, inside the kernel where {@code splice} can be used; close it when done. */
    static BulkCopy between(Endpoint from, Endpoint to, IdleWatch watch, Optional<KernelSplice> splice)
            throws IOException {
        if (from.channel() != null && to.channel() != null) {
            return new ChannelCopy(from, to, watch, splice);
        }
        return new StreamCopy(from, to, watch);
    }

    /**
     * Copies exactly {@code length} bytes.
     *
     * @throws EOFException if the source ends first
     */
    void exactly(long length) throws IOException;

    /** Copies until the source ends. */
    void untilEnd() throws IOException;

    @Override
    void close();
}
