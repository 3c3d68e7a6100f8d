package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

/**
 * The browser's download (contract 6.4): a plain {@code GET} of the endpoint from {@code files/download},
 * without credentials, optionally with a {@code Range} header. A 2xx body is streamed to a
 * {@link DownloadSink} (never held in memory); any other body is kept as text. Thread-safe; close it to
 * release the HTTP client.
 */
public final class Download implements AutoCloseable {
    private final HttpClient http;
    private final Duration timeout;

    /** {@code timeout} bounds a whole download, last body byte included. */
    public Download(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpExchanges.client(timeout);
    }

    public DownloadResult get(String endpoint, DownloadSink sink) {
        return get(endpoint, null, sink);
    }

    /**
     * GETs {@code endpoint} with {@code Range: <range>} unless {@code range} is null (e.g. {@code "bytes=0-99"},
     * sent verbatim, so malformed ranges can be tried). Failures and the timeout throw
     * {@link UncheckedIOException}.
     */
    public DownloadResult get(String endpoint, String range, DownloadSink sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout).GET();
        if (range != null) {
            request.header("Range", range);
        }
        long start = System.nanoTime();
        HttpResponse<CountingSubscriber.Received> response = HttpExchanges.send(http, request.build(),
                info -> info.statusCode() / 100 == 2 ? success(sink) : error(), timeout);
        CountingSubscriber.Received body = response.body();
        return new DownloadResult(response.statusCode(), response.headers().map(), body.bytes(), body.digestHex(),
                body.errorBody(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static HttpResponse.BodySubscriber<CountingSubscriber.Received> success(DownloadSink sink) {
        return switch (sink) {
            case DownloadSink.ToFile(Path file) -> HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofFile(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING),
                    written -> new CountingSubscriber.Received(size(written), null, null));
            case DownloadSink.ToDigest(String algorithm) -> new CountingSubscriber(digest(algorithm));
            case DownloadSink.Discard() -> new CountingSubscriber(null);
        };
    }

    private static HttpResponse.BodySubscriber<CountingSubscriber.Received> error() {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                bytes -> new CountingSubscriber.Received(bytes.length, null, new String(bytes, StandardCharsets.UTF_8)));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no digest " + algorithm, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
