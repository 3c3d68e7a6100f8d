/**
 * IM/Server telling the service manager how it is doing: systemd's notification protocol ({@code sd_notify}), one
 * datagram per state change to the socket named by {@code $NOTIFY_SOCKET}, which only a {@code Type=notify} unit has.
 * Sent through the JDK's foreign function interface, because the JDK's unix-domain sockets are stream sockets only.
 *
 * <p>Trust: the socket's name comes from the environment systemd gave IM/Server; nothing is ever read from it. What is
 * sent is a fixed state word and a status line of IM/Server's own making, never a secret.
 */
package dk.sdu.im.server.systemd;
