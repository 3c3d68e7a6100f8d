/**
 * Calls a provider exactly as UCloud/Core does (contract 1.1-1.5, 2.2), so tests exercise the provider's
 * real HTTP surface: paths {@code /ucloud/<providerId>/<op>}, the Core-to-provider JWT (without a user, as
 * today's Core signs it; with the {@code ucloudUser} claim when a test asks), the {@code ucloud-username} header as standard base64, bodies
 * without {@code Content-Type}, DELETE with a body, the capitalised {@code Browse} key,
 * {@code Accept-Encoding: gzip} with transparent decoding, and Core's 5-second timeout.
 *
 * <p>Every quirk can be switched off or forged through the immutable
 * {@link dk.sdu.im.testkit.client.Caller} withers, for attack tests. Nothing here validates replies; a
 * {@link dk.sdu.im.testkit.client.Reply} is what came back.
 */
package dk.sdu.im.testkit.client;
