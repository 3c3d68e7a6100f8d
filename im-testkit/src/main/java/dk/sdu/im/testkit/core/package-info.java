/**
 * A stand-in for UCloud/Core, written from the wire contract ({@code ucloud-provider-api.md}, sections 2, 4
 * and 7) and deliberately independent of the provider's own wire types: every body is handled as a Jackson
 * tree, so a misreading of the contract in the provider shows up as a failing test instead of being
 * mirrored here.
 *
 * <p>What it does: serves Core's provider-facing endpoints ({@code /auth/providers/refresh} and the
 * {@code /api/...} callbacks) over real HTTP on loopback, verifies the provider access tokens it issued,
 * keeps an in-memory catalogue (products, drives, jobs, connections, usage, tasks), and mints the JWTs
 * Core sends to a provider ({@link dk.sdu.im.testkit.core.CoreTokens}).
 *
 * <p>Trust: it trusts nothing it receives; every request is checked as Core would check it. It holds
 * private keys and refresh tokens for test providers only, in memory, and binds to 127.0.0.1 by default.
 * The public entry point is {@link dk.sdu.im.testkit.core.FakeCore}; everything else is package-private
 * except the value types a test needs to hold.
 */
package dk.sdu.im.testkit.core;
