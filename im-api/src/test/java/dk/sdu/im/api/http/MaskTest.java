package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 6455 5.3: the bulk unmasking gives exactly what XOR with key byte {@code i % 4} gives, at any offset. */
class MaskTest {
    @Test
    void bulkUnmaskingMatchesTheDefinitionAtEveryAlignment() {
        Random random = new Random(6455);
        for (int trial = 0; trial < 200; trial++) {
            int key = random.nextInt();
            byte[] data = new byte[random.nextInt(300)]; // the four-long turns, the single longs and the tail
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            long position = random.nextInt(1 << 20);

            byte[] bulk = data.clone();
            new Mask(key).apply(bulk, offset, length, position);

            byte[] expected = data.clone();
            for (int i = 0; i < length; i++) {
                expected[offset + i] ^= (byte) (key >>> 24 - 8 * (int) ((position + i) % 4));
            }
            assertThat(bulk).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void unmaskingInPiecesEqualsUnmaskingWhole() {
        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        Mask mask = new Mask(0x1234_5678);
        byte[] whole = data.clone();
        mask.apply(whole, 0, whole.length, 0);

        byte[] pieces = data.clone();
        int[] cuts = {0, 3, 4, 11, 19, 500, 501, 1000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            mask.apply(pieces, cuts[i], cuts[i + 1] - cuts[i], cuts[i]);
        }
        assertThat(pieces).isEqualTo(whole);
    }
}
