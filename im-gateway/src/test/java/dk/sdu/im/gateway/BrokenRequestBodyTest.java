package dk.sdu.im.gateway;

import static dk.sdu.im.gateway.GatewayFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request body that breaks part-way, after its head and first bytes reached a backend whose handler is already
 * reading it: the gateway ends that backend connection short of the body's end (so the backend cannot take a partial
 * body for a complete one) and never pools it, and the client gets a 400 unless the backend had answered already.
 */
class BrokenRequestBodyTest {
    private static final String USER = "mona#7";
    private static final String FIRST_CHUNK = "5\r\nhello\r\n";
    private static final String LAST_CHUNK = "0\r\n\r\n";

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.started();

    /** How a chunked body goes on after {@link #FIRST_CHUNK}: a valid part the gateway may forward, then the fault. */
    record Continuation(String name, String valid, String fault) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Continuation> malformedContinuations() {
        return Stream.of(
                new Continuation("bad chunk size line", "", "zz\r\n" + LAST_CHUNK),
                new Continuation("chunk data without CRLF", "3\r\nabc", "XY" + LAST_CHUNK),
                new Continuation("chunk size line too long", "", "5;" + "x".repeat(70_000) + "\r\nhello\r\n" + LAST_CHUNK),
                new Continuation("bad trailer", "", "0\r\nbad trailer\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("malformedContinuations")
    void answers400AndAbortsTheBackendConnectionBeforeTheLastChunk(Continuation body) throws Exception {
        BodyRecordingBackend backend = backend(BodyRecordingBackend.Mode.RECORD);
        RawClient client = fixture.raw().send(chunkedHead());
        awaitFirstChunk(client, backend);

        RawClient.Response response = client.send(body.valid() + body.fault()).read();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.text())
                .isEqualTo("{\"statusCode\":400,\"why\":\"The request body is malformed\",\"errorCode\":null}");
        assertThat(client.closedByPeer()).isTrue();
        assertEndedShort(backend, FIRST_CHUNK + body.valid());
        assertThat(getOnANewClient()).as("the broken connection was not pooled").isEqualTo("connection=2");
    }

    @Test
    void aBackendThatAnsweredEarlyKeepsItsAnswerWhenTheBodyTurnsOutMalformed() throws Exception {
        BodyRecordingBackend backend = backend(BodyRecordingBackend.Mode.ANSWER_EARLY);
        RawClient client = fixture.raw().send(chunkedHead() + FIRST_CHUNK);
        RawClient.Response head = client.readHead();

        RawClient.Response response = client.send("zz\r\n" + LAST_CHUNK).readBody(head);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).as("relayed whole, though the body broke mid-response")
                .isEqualTo(BodyRecordingBackend.EARLY_BODY);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.readToEnd()).as("no second, fabricated response").isEmpty();
        // The backend answered before reading: how much of the first chunk it read before the abort is a race.
        assertEndedWithin(backend, FIRST_CHUNK);
        assertThat(getOnANewClient()).as("the broken connection was not pooled").isEqualTo("connection=2");
    }

    @Test
    void aClientThatEndsItsStreamInsideAChunkedBodyGetsNoAnswerAndTheBackendConnectionIsAborted() throws Exception {
        BodyRecordingBackend backend = backend(BodyRecordingBackend.Mode.RECORD);
        RawClient client = fixture.raw().send(chunkedHead());
        awaitFirstChunk(client, backend);

        client.send("5\r\nhel").shutdownOutput();

        assertThat(client.readToEnd()).as("nobody left to answer").isEmpty();
        assertEndedShort(backend, FIRST_CHUNK + "5\r\nhel");
        assertThat(getOnANewClient()).as("the broken connection was not pooled").isEqualTo("connection=2");
    }

    @Test
    void aClientThatEndsItsStreamInsideAFixedLengthBodyGetsNoAnswerAndTheBackendConnectionIsAborted() throws Exception {
        BodyRecordingBackend backend = backend(BodyRecordingBackend.Mode.RECORD);
        RawClient client = fixture.raw().send("POST /upload HTTP/1.1\r\nHost: x\r\nucloud-username: "
                + RouteKey.header(USER) + "\r\nContent-Length: 10\r\n\r\nhello");
        eventually("the backend's handler has the first bytes", () -> backend.body(1).equals("hello"));

        client.shutdownOutput();

        assertThat(client.readToEnd()).as("nobody left to answer").isEmpty();
        eventually("the gateway ended the backend connection", () -> backend.inputEnded(1));
        assertThat(backend.body(1)).isEqualTo("hello");
        assertThat(getOnANewClient()).as("the broken connection was not pooled").isEqualTo("connection=2");
    }

    private BodyRecordingBackend backend(BodyRecordingBackend.Mode mode) throws IOException {
        BodyRecordingBackend backend = fixture.closeLater(new BodyRecordingBackend(mode));
        fixture.gateway.up(USER, backend.port());
        return backend;
    }

    private static String chunkedHead() {
        return "POST /upload HTTP/1.1\r\nHost: x\r\nucloud-username: " + RouteKey.header(USER)
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    /** Sends the first chunk and waits until the backend's handler has it: the exchange is under way. */
    private static void awaitFirstChunk(RawClient client, BodyRecordingBackend backend) throws Exception {
        client.send(FIRST_CHUNK);
        eventually("the backend's handler has the first chunk", () -> backend.body(1).equals(FIRST_CHUNK));
    }

    /** The backend's input ended (the gateway closed it) having received no more than {@code valid}, and never the last chunk. */
    private static void assertEndedShort(BodyRecordingBackend backend, String valid) throws InterruptedException {
        assertEndedWithin(backend, valid);
        assertThat(backend.body(1)).startsWith(FIRST_CHUNK);
    }

    /** The backend's input ended having received a prefix of {@code valid} (perhaps nothing), never the last chunk. */
    private static void assertEndedWithin(BodyRecordingBackend backend, String valid) throws InterruptedException {
        eventually("the gateway ended the backend connection", () -> backend.inputEnded(1));
        String received = backend.body(1);
        assertThat(received).doesNotContain(LAST_CHUNK);
        assertThat(valid).as("what the backend received is a prefix of the valid part").startsWith(received);
    }

    /** A GET on a new client connection, so that only the gateway's backend side can carry state over. */
    private String getOnANewClient() throws IOException {
        RawClient.Response response = fixture.raw().send(KeepAliveAndStreamingTest.get(USER, "/next")).read();
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }
}
