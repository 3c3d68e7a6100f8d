package dk.sdu.im.gateway;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * IM/Server's side of a cold start, played by the test: every call is recorded, and the future it
 * returns is completed by the test (or answered at once when the test said how).
 */
final class FakeColdStart implements ColdStart {
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Integer> instancePort(String ucloudUsername, String authorization) {
        CompletableFuture<Integer> future = pending.computeIfAbsent(ucloudUsername, u -> new CompletableFuture<>());
        authorizations.add(authorization);
        calls.add(ucloudUsername);
        return future;
    }

    /** The Authorization header of the oldest call not yet asked about; null if none came within 10 s. */
    String nextAuthorization() throws InterruptedException {
        return authorizations.poll(10, TimeUnit.SECONDS);
    }

    /** Makes the next (or current) cold start of this user end this way. */
    CompletableFuture<Integer> futureFor(String ucloudUsername) {
        return pending.computeIfAbsent(ucloudUsername, u -> new CompletableFuture<>());
    }

    /** Forgets the user's last cold start, so the next one needs completing again. */
    void forget(String ucloudUsername) {
        pending.remove(ucloudUsername);
    }

    /** Waits for the next call, at most 10 s; null if none came. */
    String nextCall() throws InterruptedException {
        return calls.poll(10, TimeUnit.SECONDS);
    }

    boolean noMoreCalls() {
        return calls.isEmpty();
    }
}
