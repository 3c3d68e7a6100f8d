package dk.sdu.im.api.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frame layer of a connection's output: writes whole, unmasked, final frames (RFC 6455 5.1) under one lock,
 * so frames from concurrent senders never interleave, and nothing after the close frame (RFC 6455 5.5.1). Payloads
 * go out in pieces of at most 64 KiB, and the time each piece went out is kept, so that a {@link Heartbeat} can tell a
 * write that moves no byte (the peer stopped reading) from a slow one, and a quiet connection from a busy one.
 *
 * <p>Thread-safe. A failed write leaves a frame half-written, so after one every send fails.
 */
final class FrameOutput {
    private static final int CHUNK = 64 * 1024;
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    /** Written under the lock, read without it. */
    private volatile boolean closeSent;
    private boolean failed;
    /** When a frame's write began or last moved a piece; {@link #NOT_WRITING} between frames. */
    private volatile long writeMovedNanos = NOT_WRITING;
    /** When the last frame was written whole (or the output created). */
    private volatile long lastFrameNanos = System.nanoTime();

    FrameOutput(OutputStream out) {
        this.out = out;
    }

    /** Sends a data frame, or a ping or pong. @throws IOException if the close frame was sent or a write failed */
    void send(Opcode opcode, ByteBuffer payload) throws IOException {
        lock.lock();
        try {
            if (closeSent) {
                throw new IOException("the WebSocket is closing: nothing may be sent after the close frame");
            }
            write(opcode, payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the close frame unless one was sent; false if one was. Waits at most {@code wait} for a send in
     * progress, because a sender blocked on a peer that does not read would otherwise hold the close back forever.
     *
     * @throws IOException if the write failed or the wait ran out; the caller then closes the socket, which also
     *     ends the blocked send
     */
    boolean sendClose(ByteBuffer payload, Duration wait) throws IOException {
        try {
            if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException("a blocked send kept the close frame back for " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending the close frame");
        }
        try {
            return writeClose(payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends an empty ping if no other frame is being sent, without waiting for one; false if one was, or the close
     * frame was sent. Blocks, like any send, while the peer does not read.
     */
    boolean tryPing() throws IOException {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closeSent) {
                return false;
            }
            write(Opcode.PING, ByteBuffer.allocate(0));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a frame's write has moved no byte for {@code timeout}. */
    boolean stalledFor(Duration timeout) {
        long moved = writeMovedNanos;
        return moved != NOT_WRITING && System.nanoTime() - moved >= timeout.toNanos();
    }

    /** Whether no frame is being written and none was written for {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return writeMovedNanos == NOT_WRITING && System.nanoTime() - lastFrameNanos >= quiet.toNanos();
    }

    /** Whether the close frame was sent (or is being sent); never waits for a send in progress. */
    boolean closeSent() {
        return closeSent;
    }

    private boolean writeClose(ByteBuffer payload) throws IOException {
        if (closeSent) {
            return false;
        }
        closeSent = true;
        write(Opcode.CLOSE, payload);
        return true;
    }

    private void write(Opcode opcode, ByteBuffer payload) throws IOException {
        if (failed) {
            throw new IOException("an earlier send on this WebSocket failed");
        }
        writeMovedNanos = System.nanoTime();
        try {
            writeHeader(opcode, payload.remaining());
            writePayload(payload.duplicate());
            out.flush();
            lastFrameNanos = System.nanoTime();
        } catch (IOException e) {
            failed = true;
            throw e;
        } finally {
            writeMovedNanos = NOT_WRITING;
        }
    }

    private void writeHeader(Opcode opcode, int length) throws IOException {
        out.write(0x80 | opcode.code());
        if (length < 126) {
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
    }

    private void writePayload(ByteBuffer payload) throws IOException {
        if (payload.hasArray()) {
            int end = payload.arrayOffset() + payload.limit();
            for (int at = payload.arrayOffset() + payload.position(); at < end; at += CHUNK) {
                out.write(payload.array(), at, Math.min(CHUNK, end - at));
                writeMovedNanos = System.nanoTime();
            }
            return;
        }
        byte[] chunk = new byte[Math.min(CHUNK, payload.remaining())];
        while (payload.hasRemaining()) {
            int length = Math.min(chunk.length, payload.remaining());
            payload.get(chunk, 0, length);
            out.write(chunk, 0, length);
            writeMovedNanos = System.nanoTime();
        }
    }
}
