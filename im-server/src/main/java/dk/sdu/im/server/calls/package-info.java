/**
 * IM/Server's provider calls (contract 3.1 and 3.2) and their routing table. Handlers hold only business
 * logic: the dispatcher in {@code dk.sdu.im.api.rpc} has verified the token and the user context before any
 * of them runs, as declared by each route's {@code Access}.
 */
package dk.sdu.im.server.calls;
