/**
 * A small RFC 6455 WebSocket server for IM/User, on its own loopback listener, because the JDK's HTTP server
 * cannot upgrade connections. {@link dk.sdu.im.user.websocket.WebSocketServer} accepts connections, checks each
 * upgrade request and asks the {@link dk.sdu.im.user.websocket.SocketEndpoint} registered for its exact path;
 * an accepted connection runs its {@link dk.sdu.im.user.websocket.SocketSession} on its own virtual thread.
 *
 * <p>Trust: every byte comes from the gateway, which forwards the browser's upgrade request unchanged and then
 * splices bytes, so everything read here is client input: the request head is bounded in size and time, every
 * frame is checked (masking, reserved bits, opcodes, control frame rules, UTF-8, message limits) and a violation
 * closes the connection with the RFC's code. Authorisation is the endpoint's decision, before the 101.
 *
 * <p>Memory: IM/User runs with a small heap, so binary messages are streamed to the session frame by frame
 * ({@link dk.sdu.im.user.websocket.Incoming.Binary}), never buffered whole; text messages are bounded by
 * {@link dk.sdu.im.user.websocket.WebSocketServer.Settings#maxTextMessageBytes()}.
 *
 * <p>Non-goals: subprotocols and extensions (permessage-deflate offers are ignored), TLS (the gateway or the
 * site's terminator does it), HTTP other than the upgrade, server-side fragmentation of outgoing messages.
 *
 * <p>Touches: one loopback listening socket, the accepted sockets and one virtual thread per connection; no
 * files, no IPC. Logs with {@code java.util.logging}: client misbehaviour at FINE, session failures at WARNING.
 */
package dk.sdu.im.user.websocket;
