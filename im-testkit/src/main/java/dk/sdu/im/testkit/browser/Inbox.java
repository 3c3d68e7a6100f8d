package dk.sdu.im.testkit.browser;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The JDK listener behind a {@link BrowserSocket}: joins fragments into whole messages and queues them as
 * {@link SocketEvent}s for the owning thread. Asks for one message at a time, so the JDK's own flow control
 * stays in force. Each complete text message is also handed to {@code onText} (used to answer "ping").
 */
final class Inbox implements WebSocket.Listener {
    private final BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final BiConsumer<WebSocket, String> onText;

    Inbox(BiConsumer<WebSocket, String> onText) {
        this.onText = onText;
    }

    /** The next event, or empty if none arrived within {@code wait}. */
    Optional<SocketEvent> next(java.time.Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            events.add(new SocketEvent.Binary(ByteBuffer.wrap(binary.toByteArray())));
            binary.reset();
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            events.add(new SocketEvent.Text(message));
            onText.accept(socket, message);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        events.add(new SocketEvent.Closed(new CloseStatus(statusCode, reason)));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        events.add(new SocketEvent.Broken(error));
    }
}
