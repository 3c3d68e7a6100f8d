/**
 * The standalone FakeCore for the development mode ({@link dk.sdu.im.testkit.TestkitMain}): one process
 * that plays UCloud/Core on 127.0.0.1, writes the provider's refresh token and public key into a state
 * directory, and optionally proxies {@code /_testkit/provider/...} to the provider with Core's credentials
 * added, so a person can try the provider with curl.
 *
 * <p>Trust: development only. It holds a test provider's private key in memory and writes its refresh
 * token to disk (mode 0600); the proxy mints valid Core tokens for any caller that can reach loopback.
 */
package dk.sdu.im.testkit;
