package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the gateway's request-head path with whatever a client may send before a body: {@link RequestReader#head}
 * (request line and fields within the client limits), {@link Framing#ofRequest} and {@link Router#destination}, the calls a client
 * connection makes before anything reaches a backend. {@link BadHead}, an end of stream inside the head and
 * {@link GatewayError} are the expected answers to bad input; any other exception, an error or a hang is a finding.
 *
 * <p>Properties: the head is read exactly to its empty line; a parsed head, written as the gateway forwards it,
 * parses to the same head; a request with a body has exactly one way of framing it (never both a length and a
 * coding); the gateway's own answers are the statuses it documents; a user destination is a name routing accepts.
 *
 * <p>Seeds, and findings once fixed: {@code src/test/resources/dk/sdu/im/gateway/RequestHeadFuzzTestInputs/requestHead/}
 * (docs/fuzzing.md). The timeout bounds one input; it is far above what any input takes, so only a hang reaches it.
 */
class RequestHeadFuzzTest {
    /** Small, so that inputs of a few KiB reach the limit too. */
    private static final int HEAD_LIMIT = 2048;
    private static final ClientLimits LIMITS = ClientLimits.defaults();

    @FuzzTest
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void requestHead(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        RequestHead head;
        try {
            head = RequestReader.head(in, HEAD_LIMIT, LIMITS);
        } catch (BadHead | EOFException expected) {
            return;
        }
        int consumed = input.length - in.available();
        assertThat(new String(Arrays.copyOfRange(input, consumed - 4, consumed), StandardCharsets.ISO_8859_1))
                .as("the last bytes read").isEqualTo("\r\n\r\n");
        assertThat(reparsed(head)).as("the head as forwarded, parsed again").isEqualTo(head);
        framing(head);
        destination(head);
        head.wantsClose();
        head.isWebSocketUpgrade();
        head.parsedTarget().path();
    }

    private static RequestHead reparsed(RequestHead head) throws IOException {
        byte[] forwarded = head.bytes(head.headers());
        // Forwarding writes "name: value", at most one byte more per line than was read.
        return RequestReader.head(new ByteArrayInputStream(forwarded), 2 * HEAD_LIMIT, LIMITS);
    }

    private static void framing(RequestHead head) {
        HeaderFields headers = head.headers();
        Framing framing;
        try {
            framing = Framing.ofRequest(head);
        } catch (GatewayError e) {
            assertThat(e.status()).as("the answer to the framing").isEqualTo(400);
            return;
        }
        List<String> lengths = headers.values("content-length");
        List<String> codings = headers.values("transfer-encoding");
        switch (framing) {
            case Framing.Fixed fixed -> {
                assertThat(codings).as("the codings of a body with a length").isEmpty();
                assertThat(lengths).as("the lengths of a body with a length").hasSize(1);
                assertThat(fixed.length()).isPositive().isEqualTo(Long.parseLong(lengths.getFirst()));
            }
            case Framing.Chunked chunked -> {
                assertThat(lengths).as("the lengths of a chunked body").isEmpty();
                assertThat(codings).as("the codings of a chunked body").hasSize(1);
            }
            case Framing.None none -> assertThat(codings).as("the codings of a request without a body").isEmpty();
            case Framing.UntilClose untilClose -> throw new AssertionError("a request body framed until close");
        }
    }

    private static void destination(RequestHead head) {
        Destination destination;
        try {
            destination = Router.destination(head);
        } catch (GatewayError e) {
            assertThat(e.status()).as("the answer to the routing").isEqualTo(400);
            return;
        }
        if (destination instanceof Destination.UserInstance(String user)) {
            assertThat(user).as("a routed username").isNotEmpty();
            assertThat(user.codePoints().anyMatch(Character::isISOControl)).as("control characters in " + user).isFalse();
        }
    }
}
