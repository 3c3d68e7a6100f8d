package dk.sdu.im.user.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The masking key of a client frame (RFC 6455 5.3): payload byte {@code i} is XORed with key byte {@code i % 4}.
 * Unmasking runs over every uploaded byte, so it works eight bytes at a time.
 *
 * @param key the four key bytes, the first in the most significant position
 */
record Mask(int key) {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Unmasks (or masks: XOR is its own inverse) {@code length} bytes in place.
     *
     * @param position the offset of {@code bytes[offset]} within the frame's payload
     */
    void apply(byte[] bytes, int offset, int length, long position) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (position & 3));
        long wide = (long) rotated << 32 | rotated & 0xFFFF_FFFFL;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            int at = offset + i;
            LONGS.set(bytes, at, (long) LONGS.get(bytes, at) ^ wide);
        }
        for (; i < length; i++) {
            bytes[offset + i] ^= (byte) (rotated >>> 24 - 8 * (i & 3));
        }
    }
}
