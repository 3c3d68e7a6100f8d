package dk.sdu.im.api.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The masking key of a client frame (RFC 6455 5.3): payload byte {@code i} is XORed with key byte {@code i % 4}.
 * Unmasking runs over every uploaded byte, so it works eight bytes at a time, in the machine's own byte order: a
 * big-endian view would swap every long on x86, and IM/User's C1-only JIT makes each swap a call (about four times
 * slower in all). The key is laid out in memory order once instead.
 *
 * @param key the four key bytes, the first in the most significant position
 */
record Mask(int key) {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /**
     * Unmasks (or masks: XOR is its own inverse) {@code length} bytes in place.
     *
     * @param position the offset of {@code bytes[offset]} within the frame's payload
     */
    void apply(byte[] bytes, int offset, int length, long position) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (position & 3));
        long wide = inMemoryOrder(rotated);
        int i = 0;
        for (; i + 32 <= length; i += 32) { // four longs a turn: C1 does not unroll, and the loop's own cost was a third
            int at = offset + i;
            LONGS.set(bytes, at, (long) LONGS.get(bytes, at) ^ wide);
            LONGS.set(bytes, at + 8, (long) LONGS.get(bytes, at + 8) ^ wide);
            LONGS.set(bytes, at + 16, (long) LONGS.get(bytes, at + 16) ^ wide);
            LONGS.set(bytes, at + 24, (long) LONGS.get(bytes, at + 24) ^ wide);
        }
        for (; i + 8 <= length; i += 8) {
            int at = offset + i;
            LONGS.set(bytes, at, (long) LONGS.get(bytes, at) ^ wide);
        }
        for (; i < length; i++) {
            bytes[offset + i] ^= (byte) (rotated >>> 24 - 8 * (i & 3));
        }
    }

    /** The key twice, as a long that a native-order load or store puts key byte 0 first in memory. */
    private static long inMemoryOrder(int rotated) {
        int memory = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? rotated : Integer.reverseBytes(rotated);
        return (long) memory << 32 | memory & 0xFFFF_FFFFL;
    }
}
