/**
 * The IPC protocol of the integration module: how IM/User instances and the admin CLI talk to IM/Server
 * over its one unix socket.
 *
 * <p><b>Processes.</b> {@link dk.sdu.im.ipc.IpcServer} runs inside IM/Server (service user {@code ucloud})
 * and owns the socket. {@link dk.sdu.im.ipc.IpcClient} runs inside each IM/User instance (the end user) and
 * inside the admin CLI (root or an administrator); it needs only the JDK's unix sockets, never junixsocket.
 *
 * <p><b>Catalogue.</b> Each direction is one sealed interface of records in one file:
 * {@link dk.sdu.im.ipc.InstanceToServer}, {@link dk.sdu.im.ipc.ServerToInstance},
 * {@link dk.sdu.im.ipc.AdminToServer}, {@link dk.sdu.im.ipc.ServerToAdmin}. Every dispatch over them is an
 * exhaustive {@code switch} without {@code default}, so adding a message breaks compilation until each side
 * decides how to handle it; the package-private {@code Codec} then needs the message's wire tag (its table is
 * checked against the sealed interface when the class loads).
 *
 * <p><b>Wire.</b> A frame is a u32 big-endian payload length, a u8 message tag and the payload, the UTF-8
 * JSON of the record, read strictly (unknown, missing and null fields are errors). Payloads above
 * {@link dk.sdu.im.ipc.IpcProtocol#MAX_PAYLOAD_BYTES} are refused on both sides; a larger declared length
 * closes the connection before anything is allocated. The first frame on every connection is the direction's
 * {@code Hello} naming {@link dk.sdu.im.ipc.IpcProtocol#NAME} and {@link dk.sdu.im.ipc.IpcProtocol#VERSION};
 * the server answers {@code Welcome}. After that each side sends requests and the server answers each one in
 * order; the only message the server sends unprompted is {@link dk.sdu.im.ipc.ServerToInstance.Shutdown}.
 *
 * <p><b>Trust.</b> The socket is mode 0666: every local user may connect, and nothing a peer says about
 * itself is believed. The server reads the peer's pid, uid and gid from the kernel once, when it accepts the
 * connection, into a {@link dk.sdu.im.ipc.Peer}; IM/Server's {@link dk.sdu.im.ipc.PeerClassifier} turns that
 * into a {@link dk.sdu.im.ipc.PeerKind}; and the one {@link dk.sdu.im.ipc.Permissions} table decides, before
 * any handler runs, whether that kind may send that message. Anything unexpected (unknown tag, malformed or
 * oversized frame, a message the table does not allow, no handshake within the time limit) is a protocol
 * violation: the server logs it with the peer and closes that connection; no handler ever sees it. A client
 * that receives anything unexpected closes too and reports {@link dk.sdu.im.ipc.IpcClosed}.
 *
 * <p>This package touches nothing but the socket file and its parent directory (created 0755 when missing).
 */
package dk.sdu.im.ipc;
