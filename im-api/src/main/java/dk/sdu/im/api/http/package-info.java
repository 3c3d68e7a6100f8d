/**
 * The HTTP/1.1 and RFC 6455 WebSocket server of IM/User and of IM/Server's own API, on one loopback listener whose
 * accept is ours, so that every connection's peer is checked ({@link dk.sdu.im.api.http.PeerCheck}) before a byte of
 * it is read, which the JDK's HTTP server cannot do. {@link dk.sdu.im.api.http.HttpListener} accepts connections and routes each
 * request: an upgrade to the {@link dk.sdu.im.api.http.SocketEndpoint} registered for its exact path, whose
 * {@link dk.sdu.im.api.http.SocketSession} then runs on the connection's virtual thread; a plain request to a
 * {@link dk.sdu.im.api.http.PlainEndpoint} (downloads); any other request, as a JDK
 * {@link com.sun.net.httpserver.HttpExchange}, to the call handler mounted at its path's longest prefix, one after
 * another on a kept connection.
 *
 * <p>Trust: every byte comes from the gateway (the only account either process admits, besides root), which forwards the browser's requests unchanged and splices the bytes
 * of upgraded connections, so everything read here is client input: the request head is bounded in size and time,
 * a body's framing is checked as strictly as the gateway checks it ({@link dk.sdu.im.api.http.BodyFraming}), every
 * frame is checked (masking, reserved bits, opcodes, control frame rules, UTF-8, message limits) and a violation
 * closes the connection with the RFC's code. A quiet WebSocket is pinged, and one whose peer stops reading is closed
 * after the write timeout ({@link dk.sdu.im.api.http.Heartbeat}). Authorisation is the endpoint's decision, before
 * the 101.
 *
 * <p>Memory: IM/User runs with a small heap, so binary messages are streamed to the session frame by frame
 * ({@link dk.sdu.im.api.http.Incoming.Binary}), never buffered whole; text messages are bounded by
 * {@link dk.sdu.im.api.http.HttpListener.Settings#maxTextMessageBytes()}.
 *
 * <p>Non-goals: subprotocols and extensions (permessage-deflate offers are ignored), TLS (the gateway or the
 * site's terminator does it), server-side fragmentation of outgoing messages, HTTP/2, a {@code Date} header.
 *
 * <p>Touches: one loopback listening socket, the accepted sockets and one virtual thread per connection; no
 * files, no IPC. Logs with {@code java.util.logging}: client misbehaviour at FINE, session failures at WARNING.
 */
package dk.sdu.im.api.http;
