package dk.sdu.im.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 backend on a raw socket whose handler for a request with a body reads that body as raw bytes until its
 * input ends, recording what arrived per connection: a test sees exactly how much of a body the gateway forwarded and
 * that the gateway ended the connection. Requests without a body get {@code 200 connection=N}, on a kept-alive
 * connection. In {@link Mode#ANSWER_EARLY} the handler answers {@code 413} before the body has arrived, and holds back
 * the last two bytes of that answer until its input ends.
 */
final class BodyRecordingBackend implements AutoCloseable {
    enum Mode {
        /** Reads the body until the input ends, then closes without answering. */
        RECORD,
        /** Sends {@code 413} with {@link #EARLY_BODY} but its last two bytes, reads until the input ends, sends them. */
        ANSWER_EARLY
    }

    static final String EARLY_BODY = "early";

    private final ServerSocket server;
    private final Mode mode;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Integer, Recording> recordings = new ConcurrentHashMap<>();

    /** The body bytes one connection received so far, and whether its input has ended. */
    private static final class Recording {
        private final StringBuffer body = new StringBuffer();
        private volatile boolean ended;
    }

    BodyRecordingBackend(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, GatewayFixture.LOOPBACK);
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The body bytes (ISO-8859-1) connection {@code number} received after its request head; empty before any. */
    String body(int number) {
        Recording recording = recordings.get(number);
        return recording == null ? "" : recording.body.toString();
    }

    /** Whether connection {@code number} read the end of its input (or a reset) while reading a body. */
    boolean inputEnded(int number) {
        Recording recording = recordings.get(number);
        return recording != null && recording.ended;
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                threads.execute(() -> serve(socket, number));
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String head = BackendWire.head(in); head != null; head = BackendWire.head(in)) {
                if (!hasBody(head)) {
                    out.write(BackendWire.answer(200, "connection=" + number, false));
                    continue;
                }
                Recording recording = recordings.computeIfAbsent(number, n -> new Recording());
                if (mode == Mode.ANSWER_EARLY) {
                    answerEarly(in, out, recording);
                } else {
                    record(in, recording);
                }
                return;
            }
        } catch (IOException e) {
            // The gateway closed the connection.
        }
    }

    private static void answerEarly(InputStream in, OutputStream out, Recording recording) throws IOException {
        byte[] answer = BackendWire.answer(413, EARLY_BODY, false);
        out.write(answer, 0, answer.length - 2);
        out.flush();
        record(in, recording);
        out.write(answer, answer.length - 2, 2);
        out.flush();
    }

    /** Reads until the input ends; a reset counts as an end too (the gateway aborted the connection). */
    private static void record(InputStream in, Recording recording) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                recording.body.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // Reset: the input ended all the same.
        }
        recording.ended = true;
    }



    private static boolean hasBody(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        return lower.contains("\r\ntransfer-encoding:") || lower.contains("\r\ncontent-length:");
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
