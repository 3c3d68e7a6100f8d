/**
 * IM/Server's client for UCloud's callbacks (contract section 4): the refresh token is turned into
 * short-lived access tokens (2.3), products are registered at start-up (4.5), connections approved (4.3).
 *
 * <p>Trust: only IM/Server holds the refresh token. Core's replies are parsed defensively; an unreachable
 * Core is retried with backoff and never crashes the server.
 */
package dk.sdu.im.server.ucloud;
