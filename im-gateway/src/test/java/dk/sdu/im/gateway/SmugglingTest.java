package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Production ingress, item 4 (RFC 9112 sections 6 and 11): every request-smuggling and malformed-head form, sent as
 * raw bytes by a socket client, is refused with 400 and the connection closed, and never reaches an instance: the
 * instance's request log shows no connection at all. The instance is both the routed user's backend and IM/Server,
 * so whichever way a request would be routed, the log would see it. A well-formed request afterwards shows the log
 * working and the gateway still serving.
 */
class SmugglingTest {
    private static final String USER = "ucloud-username: " + RouteKey.header(ALICE) + "\r\n";
    private static final String POST = "POST /ucloud/slurm/files/upload HTTP/1.1\r\nHost: gateway\r\n" + USER;
    private static final String GET = "GET /ucloud/slurm/files/browse HTTP/1.1\r\nHost: gateway\r\n" + USER;
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String BODY = "5\r\nhello\r\n0\r\n\r\n";
    /** A request that a backend believing the wrong framing would take for a second one. */
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: gateway\r\n" + USER + "\r\n";

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();
    private RequestLogBackend instance;
    private EmbeddedGateway gateway;

    /** One named malformed form. */
    record Form(String name, String bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Form> forms() {
        return Stream.of(
                // Body framing (RFC 9112 6.1, 6.3).
                new Form("Content-Length and Transfer-Encoding", POST + "Content-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                new Form("Transfer-Encoding and Content-Length", POST + "Transfer-Encoding: chunked\r\n"
                        + "Content-Length: 40\r\n\r\n0\r\n\r\n" + SMUGGLED),
                new Form("two Content-Length fields, equal", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                new Form("two Content-Length fields, different", POST + "Content-Length: 5\r\nContent-Length: 50\r\n\r\n"
                        + "hello" + SMUGGLED),
                new Form("Content-Length list 5, 5", POST + "Content-Length: 5, 5\r\n\r\nhello"),
                new Form("Content-Length +5", POST + "Content-Length: +5\r\n\r\nhello"),
                new Form("Content-Length -5", POST + "Content-Length: -5\r\n\r\nhello"),
                new Form("Content-Length 0x5", POST + "Content-Length: 0x5\r\n\r\nhello"),
                new Form("Content-Length with a space inside", POST + "Content-Length: 5 0\r\n\r\nhello"),
                new Form("Content-Length of 19 digits", POST + "Content-Length: 1000000000000000000\r\n\r\nhello"),
                new Form("Transfer-Encoding gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n" + BODY),
                new Form("Transfer-Encoding chunked, chunked", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n" + BODY),
                new Form("Transfer-Encoding chunked twice", POST + "Transfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + BODY),
                new Form("Transfer-Encoding chunked then identity", POST + "Transfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: identity\r\n\r\n" + BODY),
                new Form("Transfer-Encoding Chunked with a trailing space", POST + "Transfer-Encoding: Chunked \r\n\r\n" + BODY),
                new Form("Transfer-Encoding Chunked with a trailing tab", POST + "Transfer-Encoding: Chunked\t\r\n\r\n" + BODY),
                new Form("Transfer-Encoding CHUNKED", POST + "Transfer-Encoding: CHUNKED\r\n\r\n" + BODY),
                new Form("Transfer-Encoding xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n" + BODY),
                new Form("Transfer-Encoding chunked with a vertical tab", POST + "Transfer-Encoding: chunked\u000b\r\n\r\n" + BODY),
                new Form("Transfer-Encoding identity", POST + "Transfer-Encoding: identity\r\n\r\nhello"),
                new Form("Transfer-Encoding in HTTP/1.0", "POST /ucloud/slurm/files/upload HTTP/1.0\r\nHost: gateway\r\n"
                        + USER + "Transfer-Encoding: chunked\r\n\r\n" + BODY),
                // Field lines (RFC 9112 5).
                new Form("obs-fold", GET + "X-Folded: a\r\n b\r\n\r\n"),
                new Form("obs-fold of Transfer-Encoding", POST + "Transfer-Encoding:\r\n chunked\r\n\r\n" + BODY),
                new Form("obs-fold with a tab", GET + "X-Folded: a\r\n\tb\r\n\r\n"),
                new Form("space before the colon", POST + "Transfer-Encoding : chunked\r\n\r\n" + BODY),
                new Form("tab before the colon", POST + "Transfer-Encoding\t: chunked\r\n\r\n" + BODY),
                new Form("header name with a space", GET + "X Name: y\r\n\r\n"),
                new Form("header name with a control character", GET + "X\u0001Name: y\r\n\r\n"),
                new Form("header name with DEL", GET + "X\u007fName: y\r\n\r\n"),
                new Form("header line without a name", GET + ": y\r\n\r\n"),
                new Form("header line without a colon", GET + "NoColon\r\n\r\n"),
                new Form("NUL in a header value", GET + "X-Value: a\u0000b\r\n\r\n"),
                new Form("escape character in a header value", GET + "X-Value: a\u001bb\r\n\r\n"),
                // Line ends (RFC 9112 2.2).
                new Form("LF-only line ends", "GET /ucloud/slurm/files/browse HTTP/1.1\nHost: gateway\n" + USER.replace("\r\n", "\n")
                        + "\n"),
                new Form("bare LF in one field line", GET + "X-A: a\nX-B: b\r\n\r\n"),
                new Form("bare LF after the request line", "GET /ucloud/slurm/files/browse HTTP/1.1\n" + USER + "\r\n"),
                new Form("bare CR inside a header value", GET + "X-A: a\rb\r\n\r\n"),
                new Form("bare CR as a line end", GET + "X-A: a\rX-B: b\r\n\r\n"),
                // Request lines (RFC 9112 3).
                new Form("absolute-form target", "GET http://127.0.0.1/ucloud/slurm/files/browse HTTP/1.1\r\nHost: gateway\r\n"
                        + USER + "\r\n"),
                new Form("absolute-form target, https", "GET https://other.example/ucloud/slurm/files/browse HTTP/1.1\r\n"
                        + "Host: gateway\r\n" + USER + "\r\n"),
                new Form("asterisk-form target for GET", "GET * HTTP/1.1\r\nHost: gateway\r\n\r\n"),
                new Form("authority-form target", "GET 127.0.0.1:80 HTTP/1.1\r\nHost: gateway\r\n\r\n"),
                new Form("HTTP/0.9-style request line", "GET /ucloud/slurm/files/browse\r\n"),
                new Form("double space in the request line", "GET  /ucloud/slurm/files/browse HTTP/1.1\r\nHost: gateway\r\n"
                        + USER + "\r\n"),
                new Form("tab in the request line", "GET\t/ucloud/slurm/files/browse HTTP/1.1\r\nHost: gateway\r\n\r\n"),
                new Form("trailing space in the request line", "GET /ucloud/slurm/files/browse HTTP/1.1 \r\nHost: gateway\r\n"
                        + USER + "\r\n"),
                new Form("lower-case version", "GET /ucloud/slurm/files/browse http/1.1\r\nHost: gateway\r\n\r\n"),
                new Form("control character in the target", "GET /a\u0001b HTTP/1.1\r\nHost: gateway\r\n\r\n"),
                new Form("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: gateway\r\n\r\n"),
                // Chunk sizes (RFC 9112 7.1), in the first chunk, which the gateway reads before it connects.
                new Form("chunk size with a 0x prefix", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n"),
                new Form("negative chunk size", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size with a plus sign", CHUNKED + "+5\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size of 2^63", CHUNKED + "8000000000000000\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size above 2^64", CHUNKED + "100000000000000005\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size followed by a bare LF", CHUNKED + "5\nhello\r\n0\r\n\r\n"),
                new Form("chunk size followed by a bare CR", CHUNKED + "5\rhello\r\n0\r\n\r\n"),
                new Form("chunk size with leading whitespace", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size not hex", CHUNKED + "g\r\nhello\r\n0\r\n\r\n"),
                new Form("empty chunk size line", CHUNKED + "\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk size with junk after it", CHUNKED + "5 junk\r\nhello\r\n0\r\n\r\n"),
                new Form("chunk extension with a control character", CHUNKED + "5;a\u0001b\r\nhello\r\n0\r\n\r\n"));
    }

    @BeforeEach
    void start() throws Exception {
        instance = fixture.closeLater(new RequestLogBackend());
        gateway = fixture.closeLater(EmbeddedGateway.start(fixture.settings(instance.address())));
        gateway.up(ALICE, instance.address().getPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void isRefusedWith400AndTheConnectionClosedAndNeverReachesAnInstance(Form form) throws Exception {
        RawClient client = fixture.closeLater(new RawClient(gateway.address()));

        RawClient.Response response = client.send(form.bytes()).read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.text()).startsWith("{\"statusCode\":400,");
        assertThat(client.closedByPeer()).as("the connection is closed").isTrue();
        assertThat(instance.connections()).as("connections the instance saw").isZero();
        assertThat(instance.bytes()).isZero();

        RawClient control = fixture.closeLater(new RawClient(gateway.address()));
        assertThat(control.send(GET + "\r\n").read().text()).isEqualTo("logged");
        assertThat(instance.heads()).as("the instance's request log").hasSize(1)
                .allSatisfy(head -> assertThat(head).startsWith("GET /ucloud/slurm/files/browse HTTP/1.1\r\n"));
    }
}
