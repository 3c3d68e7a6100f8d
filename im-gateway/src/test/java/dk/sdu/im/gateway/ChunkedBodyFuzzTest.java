package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the gateway's chunked body parser ({@link ChunkedCopy}, through {@link BodyCopy#copy}) with whatever a
 * client may send after a head that says {@code Transfer-Encoding: chunked}, followed by whatever comes next on the
 * connection. {@link BadHead} and an end of stream inside the body are the expected answers to bad input; any other
 * exception, an error or a hang is a finding.
 *
 * <p>Properties: what is forwarded is exactly the bytes read, unchanged; the source is reported ended once for a
 * body that ends and never for one that does not, and then the forwarded bytes are a prefix of the input without
 * the body's end, so that copied again it still has no end (a receiver never sees the end of a malformed body); a
 * forwarded body, copied again, is the same body and ends where it ends.
 *
 * <p>Seeds, and findings once fixed: {@code src/test/resources/dk/sdu/im/gateway/ChunkedBodyFuzzTestInputs/chunkedBody/}
 * (docs/fuzzing.md). The timeout bounds one input; it is far above what any input takes, so only a hang reaches it.
 */
class ChunkedBodyFuzzTest {
    /** Small, so that chunk lines and trailer sections reach the limit too. */
    private static final int LINE_LIMIT = 256;

    @FuzzTest
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void chunkedBody(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger ended = new AtomicInteger();
        try {
            new BodyCopy(in, out, LINE_LIMIT).copy(Framing.CHUNKED, ended::incrementAndGet);
        } catch (BadHead | EOFException expected) {
            assertThat(ended).as("times a malformed body was reported ended").hasValue(0);
            byte[] forwarded = out.toByteArray();
            assertThat(forwarded).as("the forwarded part of a malformed body")
                    .isEqualTo(Arrays.copyOf(input, forwarded.length));
            assertThatThrownBy(() -> copiedAgain(forwarded)).as("the forwarded part of a malformed body, copied again")
                    .isInstanceOf(EOFException.class);
            return;
        }
        assertThat(ended).as("times the body was reported ended").hasValue(1);
        byte[] forwarded = out.toByteArray();
        assertThat(forwarded).as("the forwarded body").isEqualTo(Arrays.copyOf(input, input.length - in.available()));
        assertThat(copiedAgain(forwarded)).as("the forwarded body, copied again").isEqualTo(forwarded);
    }

    private static byte[] copiedAgain(byte[] body) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BodyCopy(in, out, LINE_LIMIT).copy(Framing.CHUNKED, () -> { });
        assertThat(in.available()).as("bytes after the copied body's end").isZero();
        return out.toByteArray();
    }
}
