package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Request framing is decided strictly, so the gateway and a backend never disagree where a body ends. */
class FramingTest {
    @Test
    void readsContentLengthAndChunked() throws Exception {
        assertThat(request()).isEqualTo(Framing.NONE);
        assertThat(request("Content-Length: 0")).isEqualTo(Framing.NONE);
        assertThat(request("Content-Length: 12")).isEqualTo(new Framing.Fixed(12));
        assertThat(request("Transfer-Encoding: chunked")).isEqualTo(Framing.CHUNKED);
        assertThat(request("Transfer-Encoding: \tchunked \t")).as("whitespace around a value is not part of it")
                .isEqualTo(Framing.CHUNKED);
    }

    @Test
    void refusesAmbiguousOrUnknownFraming() {
        assertThat(status("Content-Length: 5", "Transfer-Encoding: chunked")).isEqualTo(400);
        assertThat(status("Content-Length: 5", "Content-Length: 5")).isEqualTo(400);
        assertThat(status("Content-Length: -1")).isEqualTo(400);
        assertThat(status("Content-Length: 1e3")).isEqualTo(400);
        assertThat(status("Transfer-Encoding: chunked", "Transfer-Encoding: chunked")).isEqualTo(400);
        assertThat(status("Transfer-Encoding: gzip, chunked")).isEqualTo(400);
        assertThat(status("Transfer-Encoding: chunked, chunked")).isEqualTo(400);
        assertThat(status("Transfer-Encoding: Chunked")).as("as IM's own server, exactly chunked").isEqualTo(400);
        assertThat(status("Transfer-Encoding: identity")).isEqualTo(400);
    }

    @Test
    void refusesTransferEncodingInAnHttp10Request() throws Exception {
        RequestHead request = RequestHead.parse(List.of("POST / HTTP/1.0", "Transfer-Encoding: chunked"));

        assertThatThrownBy(() -> Framing.ofRequest(request)).isInstanceOfSatisfying(GatewayError.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void readsResponseFramingAfterTheRequestMethodAndStatus() throws Exception {
        assertThat(Framing.ofResponse(response(200, "Content-Length: 9"), "HEAD")).isEqualTo(Framing.NONE);
        assertThat(Framing.ofResponse(response(204), "GET")).isEqualTo(Framing.NONE);
        assertThat(Framing.ofResponse(response(200), "GET")).isEqualTo(Framing.UNTIL_CLOSE);
        assertThat(Framing.ofResponse(response(200, "Transfer-Encoding: chunked", "Content-Length: 9"), "GET"))
                .isEqualTo(Framing.CHUNKED);
    }

    private static Framing request(String... fields) throws Exception {
        return Framing.ofRequest(new RequestHead("POST", "/", "HTTP/1.1", HeaderFields.parse(List.of(fields))));
    }

    private static int status(String... fields) {
        try {
            request(fields);
            return 200;
        } catch (GatewayError e) {
            return e.status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ResponseHead response(int status, String... fields) throws BadHead {
        return new ResponseHead("HTTP/1.1", status, "", HeaderFields.parse(List.of(fields)));
    }

    @Test
    void parsesTheRequestLineStrictly() {
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET  / HTTP/1.1"))).isInstanceOf(BadHead.class);
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET / HTTP/1.1", " folded: x"))).isInstanceOf(BadHead.class);
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET / HTTP/1.1", "Name : x"))).isInstanceOf(BadHead.class);
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET /\u0001 HTTP/1.1"))).isInstanceOf(BadHead.class);
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET http://host/ HTTP/1.1"))).isInstanceOf(BadHead.class);
        assertThatThrownBy(() -> RequestHead.parse(List.of("GET * HTTP/1.1"))).isInstanceOf(BadHead.class);
    }

    @Test
    void acceptsTheAsteriskFormForOptionsOnly() throws Exception {
        assertThat(RequestHead.parse(List.of("OPTIONS * HTTP/1.1")).target()).isEqualTo("*");
    }
}
