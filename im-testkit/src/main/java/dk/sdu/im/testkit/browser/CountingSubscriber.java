package dk.sdu.im.testkit.browser;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that counts the bytes and, given a digest, feeds them to it; nothing is kept. The body's
 * outcome is a {@link Received} with the count and the hex digest (null without a digest).
 */
final class CountingSubscriber implements HttpResponse.BodySubscriber<CountingSubscriber.Received> {
    /** Bytes seen, the digest in hex (or null) and, for error bodies, the text (or null). */
    record Received(long bytes, String digestHex, String errorBody) {
    }

    private final MessageDigest digest;
    private final CompletableFuture<Received> result = new CompletableFuture<>();
    private long bytes;

    /** {@code digest} may be null to only count. */
    CountingSubscriber(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public CompletionStage<Received> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            bytes += buffer.remaining();
            if (digest != null) {
                digest.update(buffer);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Received(bytes, digest == null ? null : HexFormat.of().formatHex(digest.digest()), null));
    }
}
