/**
 * Facts about local sockets from the kernel: which TCP sockets listen and who owns them, and who owns the socket
 * at the other end of a loopback connection we accepted, and the rule built on that last fact which IM/Server's API and
 * every instance apply at accept ({@link dk.sdu.im.ipc.kernel.PeerAccounts}). Asked of the kernel's socket diagnostics (netlink
 * {@code NETLINK_SOCK_DIAG}) through the JDK's foreign function interface; nothing else is read. A socket's owner
 * is the uid the kernel recorded when the socket was created, as seen from our user namespace.
 *
 * <p>Trust: the facts are believed because only the kernel answers. Each question goes out on a fresh netlink
 * socket of our own, and a datagram whose sender is not the kernel (netlink port 0) is no answer. An exact lookup
 * believes a uid only if the reply names the very socket asked for and a process still holds that socket open
 * (the kernel reports a socket in time-wait as owned by uid 0). Nothing a peer says about itself is consulted.
 * Any trouble (no netlink in a sandbox, native access denied, a reply that does not fit) is an empty answer, never
 * an exception; the caller decides what not knowing means (refuse the connection, or read {@code /proc} instead).
 */
package dk.sdu.im.ipc.kernel;
