package dk.sdu.im.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * Starts a user's instance on demand; supplied by IM/Server. The gateway calls it when a request names
 * a user that has no route, holds that request (without reading its body) until the future completes,
 * and then forwards it, so a cold start costs UCloud a single round trip (DESIGN 3.3).
 *
 * <p>Contract:
 * <ul>
 *   <li>Only a request that carries an {@code Authorization} header asks for a cold start; {@code authorization} is
 *       its value, unverified. Verify it (it must be UCloud's token) before launching anything, and refuse with
 *       {@link ColdStartRefused} (401) otherwise: no anonymous client may make the provider start an instance.
 *       A request without one (a browser's capability link) for a user without a route can only be stale, since
 *       its token lives in the instance that issued it: the gateway answers it 404 itself, the same for every
 *       user, and calls nothing.</li>
 *   <li>Complete the future with the instance's loopback port once the instance runs and proved who it
 *       is. Install the route ({@link Routes#up}) before completing, so later requests find it; the
 *       gateway forwards the held request to the port the future returns.</li>
 *   <li>Complete it exceptionally with {@link ColdStartRefused} to answer with a given status and
 *       message (e.g. 403 for a user who is not mapped), or with any other exception for a 503.</li>
 *   <li>Concurrent first requests for the same user each call this method; de-duplicating launches is
 *       the implementation's job (e.g. by returning the same future).</li>
 *   <li>The gateway waits at most its idle timeout and then answers 503 (which UCloud retries); it
 *       never cancels the future, which may be shared by other requests.</li>
 * </ul>
 *
 * <p>Threading: called on the requesting connection's virtual thread; it should return quickly and do
 * the launch asynchronously. It must not return {@code null}.
 */
@FunctionalInterface
public interface ColdStart {
    CompletableFuture<Integer> instancePort(String ucloudUsername, String authorization);
}
