/**
 * The provider-side RPC plumbing shared by IM/Server and IM/User: a route table, one dispatcher on the
 * JDK HTTP server with virtual threads, bounded body reading, the token and user-context check that runs
 * before any handler, one translation of errors into contract replies, and one log line per request.
 *
 * <p>Trust: requests are untrusted until {@link dk.sdu.im.api.rpc.CallerResolver} has accepted the token
 * and the user context for the route's {@link dk.sdu.im.api.rpc.Access}; handlers only see accepted calls.
 */
package dk.sdu.im.api.rpc;
