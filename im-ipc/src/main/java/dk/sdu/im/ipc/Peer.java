package dk.sdu.im.ipc;

/**
 * The process at the other end of an IPC connection, as the kernel reported it (SO_PEERCRED) when IM/Server
 * accepted the connection: the credentials the peer had when it called {@code connect}.
 *
 * <p>Read once per connection and handed to every handler call as this value; never parsed from anything
 * the peer sent and never re-encoded as a string for a decision.
 *
 * @param pid the peer's process id (always positive: a peer whose pid the kernel cannot tell is refused)
 * @param uid the peer's effective user id
 * @param gid the peer's effective group id
 */
public record Peer(long pid, int uid, int gid) {
}
