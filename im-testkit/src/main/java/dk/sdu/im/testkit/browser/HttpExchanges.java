package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The browser's plain HTTP side: an HTTP/1.1 client without credentials or redirects, and one bounded send.
 * The JDK's request timeout stops at the response headers; this bounds the body too.
 */
final class HttpExchanges {
    private HttpExchanges() {
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends and waits for the whole response, body included, for at most {@code timeout}. Failures and the
     * timeout surface as {@link UncheckedIOException} (wrapping {@link HttpTimeoutException} for a timeout),
     * as {@link dk.sdu.im.testkit.client.ProviderClient} does.
     */
    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body,
                                    Duration timeout) {
        CompletableFuture<HttpResponse<T>> response = http.sendAsync(request, body);
        try {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw failed(request, new HttpTimeoutException("no complete response within " + timeout));
        } catch (ExecutionException e) {
            throw failed(request, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw failed(request, new InterruptedIOException("interrupted"));
        }
    }

    private static UncheckedIOException failed(HttpRequest request, IOException cause) {
        return new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + cause, cause);
    }
}
