package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Serialises sends on one JDK WebSocket and waits for each to finish before the next starts. This is the
 * back-pressure a browser gets: the JDK completes a send's future only once the frame is written, so a slow
 * reader on the other side slows the sender down. It also keeps the JDK's rule of one outstanding data send.
 */
final class Sender {
    private final ReentrantLock lock = new ReentrantLock();
    private final Duration timeout;

    Sender(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code send} alone and waits for its future; a send that takes longer than the timeout fails. */
    void send(WebSocket socket, Function<WebSocket, CompletableFuture<WebSocket>> send) throws IOException {
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HttpTimeoutException("another send did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send");
        }
        try {
            send.apply(socket).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("the server did not take a frame within " + timeout);
        } catch (ExecutionException e) {
            throw new IOException("send failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        } finally {
            lock.unlock();
        }
    }
}
