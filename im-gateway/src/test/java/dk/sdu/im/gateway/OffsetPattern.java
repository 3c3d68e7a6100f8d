package dk.sdu.im.gateway;

import java.nio.ByteBuffer;

/**
 * Bulk test bytes that say where they belong: the 8 bytes at offset {@code 8k} are a 64-bit mix of {@code k}, so a
 * byte that is lost, repeated, reordered or sent from elsewhere breaks the pattern from there on, and a body of any
 * size can be checked as it streams past without holding it.
 */
final class OffsetPattern {
    private OffsetPattern() {
    }

    /** The byte at {@code offset}. */
    static byte at(long offset) {
        return (byte) (mix(offset >>> 3) >>> (8 * (offset & 7)));
    }

    /** Fills {@code buffer}'s remaining space with the bytes from {@code offset} on. */
    static void fill(ByteBuffer buffer, long offset) {
        for (long o = offset; buffer.hasRemaining(); o++) {
            buffer.put(at(o));
        }
    }

    /** The offset of the first byte in {@code buffer}'s remaining bytes (which start at {@code offset}) that is wrong; -1 if none. */
    static long firstWrong(ByteBuffer buffer, long offset) {
        for (long o = offset; buffer.hasRemaining(); o++) {
            if (buffer.get() != at(o)) {
                return o;
            }
        }
        return -1;
    }

    /** SplitMix64's finalizer. */
    private static long mix(long k) {
        long z = k * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
