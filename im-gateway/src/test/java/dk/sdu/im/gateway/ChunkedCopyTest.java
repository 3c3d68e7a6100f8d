package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Chunked bodies are copied unchanged, validated on the way, and read exactly to their end. */
class ChunkedCopyTest {
    @Test
    void copiesChunksExtensionsAndTrailersUnchangedAndStopsAtTheEnd() throws IOException {
        String body = "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Checksum: 42\r\n\r\n";
        InputStream in = stream(body + "GET /next HTTP/1.1\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicBoolean ended = new AtomicBoolean();

        new BodyCopy(in, out, 1024).copy(Framing.CHUNKED, () -> ended.set(true));

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(ended).isTrue();
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("GET /next HTTP/1.1\r\n");
    }

    /**
     * Chunk extensions after optional whitespace ({@code BWS ";"}, RFC 9112 7.1.1) pass, as they do in IM/User's own
     * HTTP server: the same list stands in {@code dk.sdu.im.api.http.HttpCallsTest}, so that a body the gateway
     * forwards is never one the instance refuses (once seen as a 502 for {@code "5 ;x"}).
     */
    @Test
    void acceptsExtensionsAfterOptionalWhitespaceAsTheInstancesServerDoes() throws IOException {
        for (String body : new String[] {"5 ;x\r\nhello\r\n0\r\n\r\n", "5\t;x=y\r\nhello\r\n0\r\n\r\n",
                "5 \t ;x=\"q\"\r\nhello\r\n0\r\n\r\n", "5;x ;y\r\nhello\r\n0 ;z\r\n\r\n"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new BodyCopy(stream(body), out, 1024).copy(Framing.CHUNKED, () -> { });
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as(body).isEqualTo(body);
        }
    }

    @Test
    void refusesMalformedFraming() {
        for (String body : new String[] {"x\r\n", "5\r\nhello0\r\n\r\n", "5\nhello\r\n0\r\n\r\n", "-1\r\n",
                "10000000000000000\r\n", "5 junk\r\nhello\r\n0\r\n\r\n", "0\r\nbad trailer\r\n\r\n"}) {
            assertThatThrownBy(() -> new BodyCopy(stream(body), new ByteArrayOutputStream(), 1024)
                    .copy(Framing.CHUNKED, () -> { })).as(body).isInstanceOf(BadHead.class);
        }
    }

    @Test
    void namesTheMalformedPartForTheLog() {
        assertThatThrownBy(() -> new BodyCopy(stream("5;" + "x".repeat(2000) + "\r\n"), new ByteArrayOutputStream(), 1024)
                .copy(Framing.CHUNKED, () -> { })).hasMessageStartingWith("chunk size line: ");
        assertThatThrownBy(() -> new BodyCopy(stream("0\r\nbad trailer\r\n\r\n"), new ByteArrayOutputStream(), 1024)
                .copy(Framing.CHUNKED, () -> { })).hasMessageStartingWith("trailer: ");
        assertThatThrownBy(() -> new BodyCopy(stream("3\r\nabcXY"), new ByteArrayOutputStream(), 1024)
                .copy(Framing.CHUNKED, () -> { })).hasMessage("chunk data not followed by CRLF");
    }

    @Test
    void reportsAnEndOfStreamInsideTheBody() {
        assertThatThrownBy(() -> new BodyCopy(stream("5\r\nhel"), new ByteArrayOutputStream(), 1024)
                .copy(Framing.CHUNKED, () -> { })).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new BodyCopy(stream("abc"), new ByteArrayOutputStream(), 1024)
                .copy(new Framing.Fixed(5), () -> { })).isInstanceOf(EOFException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
