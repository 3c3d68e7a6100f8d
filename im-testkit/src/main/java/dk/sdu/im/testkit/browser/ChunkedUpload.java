package dk.sdu.im.testkit.browser;

import dk.sdu.im.testkit.client.Reply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The browser's {@code CHUNKED} upload (contract 6.3): repeated {@code POST <endpoint>} with a raw chunk as
 * the body and the headers {@code Chunked-Upload-Token}, {@code Chunked-Upload-Offset},
 * {@code Chunked-Upload-Total-Size} and {@code UCloud-Username: base64(username)}. Resumes from any offset.
 * One chunk is in memory at a time. Thread-safe; close it to release the HTTP client.
 */
public final class ChunkedUpload implements AutoCloseable {
    private final HttpClient http;
    private final Duration timeout;

    /** {@code timeout} bounds each POST, response body included. */
    public ChunkedUpload(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpExchanges.client(timeout);
    }

    /**
     * One POST exactly as described; a null {@code token} or {@code username} leaves that header out, for
     * attack tests. {@code data} is sent as-is, whatever {@code offset} and {@code totalSize} claim.
     */
    public record Chunk(String endpoint, String token, long offset, long totalSize, String username, byte[] data) {
        public Chunk {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(data, "data");
        }
    }

    /** Sends one chunk; the reply as it came (any 2xx means accepted). */
    public Reply post(Chunk chunk) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(chunk.endpoint())).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(chunk.data()))
                .header("Chunked-Upload-Offset", Long.toString(chunk.offset()))
                .header("Chunked-Upload-Total-Size", Long.toString(chunk.totalSize()));
        if (chunk.token() != null) {
            request.header("Chunked-Upload-Token", chunk.token());
        }
        if (chunk.username() != null) {
            request.header("UCloud-Username", Base64.getEncoder().encodeToString(
                    chunk.username().getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HttpExchanges.send(http, request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), timeout);
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    /**
     * Uploads {@code file} from {@code fromOffset} to its end in chunks of at most {@code chunkSize} bytes,
     * stopping after the first reply that is not 2xx. An empty file (or nothing left) is one empty POST.
     * Returns every reply, in order.
     */
    public List<Reply> upload(String endpoint, String token, String username, Path file, long fromOffset,
                              int chunkSize) {
        List<Reply> replies = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = in.size();
            long offset = fromOffset;
            do {
                byte[] data = read(in, offset, (int) Math.min(chunkSize, Math.max(0, total - offset)));
                Reply reply = post(new Chunk(endpoint, token, offset, total, username, data));
                replies.add(reply);
                if (!reply.isSuccess()) {
                    break;
                }
                offset += data.length;
            } while (offset < total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return replies;
    }

    /** Up to {@code length} bytes from {@code offset}; fewer only at the end of the file. */
    static byte[] read(FileChannel in, long offset, int length) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(length);
        while (data.hasRemaining()) {
            if (in.read(data, offset + data.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(data.array(), data.position());
    }

    @Override
    public void close() {
        http.close();
    }
}
