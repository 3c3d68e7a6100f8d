/**
 * Checks of what UCloud sends: its public key (one line of base64 DER SubjectPublicKeyInfo, contract 2.1)
 * and the RS256 JWT on every call (contract 2.2 plus decision 1's {@code ucloudUser} claim).
 *
 * <p>Trust: input here is attacker-controlled until {@link dk.sdu.im.api.auth.CoreTokenVerifier} accepts it.
 */
package dk.sdu.im.api.auth;
