package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, collecting whole messages, pongs and the close into one queue. */
final class JdkClient implements java.net.http.WebSocket.Listener {
    record Binary(byte[] bytes) {
    }

    record Pong(byte[] bytes) {
    }

    record Close(int code, String reason) {
    }

    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    java.net.http.WebSocket socket;

    static JdkClient connect(HttpClient http, URI uri) throws Exception {
        JdkClient client = new JdkClient();
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(5, TimeUnit.SECONDS);
        return client;
    }

    /** The next whole message, pong or close. */
    Object next() throws InterruptedException {
        Object next = received.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            fail("the client received nothing within 5 s");
        }
        return next;
    }

    @Override
    public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(new Binary(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(java.net.http.WebSocket webSocket, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        received.add(new Pong(bytes));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
        received.add(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
        received.add(error);
    }
}
