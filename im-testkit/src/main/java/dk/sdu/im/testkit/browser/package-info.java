/**
 * What UCloud's browser does with the capability URLs a provider hands out (contract 2.4, 3.4.4-3.4.6 and 6):
 * a {@link dk.sdu.im.testkit.browser.WebSocketV2Upload} speaking {@code WEBSOCKET_V2}, a
 * {@link dk.sdu.im.testkit.browser.ChunkedUpload} for the {@code CHUNKED} protocol, a
 * {@link dk.sdu.im.testkit.browser.Download} with optional {@code Range}, and Core's side of
 * {@link dk.sdu.im.testkit.browser.StreamingSearch}. JDK only ({@link java.net.http.HttpClient} and its
 * {@link java.net.http.WebSocket}); written from the contract, independent of the provider's own types.
 *
 * <p>On top of these protocol clients, {@link dk.sdu.im.testkit.browser.FrontendUpload} and
 * {@link dk.sdu.im.testkit.browser.FrontendDownload} do what UCloud's web frontend does with them, written from its
 * source ({@code Uploader.tsx}, {@code FilesApi.tsx}): the protocols it offers, how it reads the answer, the URL it
 * builds, the names it sends, and its quirks (a CHUNKED loop that sends nothing for an empty file, a
 * {@code usernameHint} appended to every download endpoint).
 *
 * <p>Every wait is bounded by a timeout, so a test never hangs: a silent server ends a run with
 * {@link dk.sdu.im.testkit.browser.Ending.TimedOut}. Nothing here validates what the server answers beyond
 * what the protocol needs to go on; results report what happened (messages, close code, bytes) for tests to
 * assert. Attack hooks (raw frames through {@link dk.sdu.im.testkit.browser.BrowserSocket}, an abrupt abort
 * mid-file, forged search handshakes) are part of the API on purpose.
 *
 * <p>Trust: test code. The upload and download endpoints carry bearer secrets in their URLs; the search
 * client mints Core JWTs through {@link dk.sdu.im.testkit.core.CoreTokens}.
 */
package dk.sdu.im.testkit.browser;
