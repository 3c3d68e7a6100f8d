package dk.sdu.im.ipc.kernel;

import static dk.sdu.im.ipc.kernel.InetDiagWire.AF_INET;
import static dk.sdu.im.ipc.kernel.InetDiagWire.AF_INET6;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP socket as an exact lookup names it: the family to ask in, the socket's own end ({@code source}) and the
 * end it is connected to ({@code destination}). Both addresses are resolved.
 */
record SocketId(int family, InetSocketAddress source, InetSocketAddress destination) {
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    /**
     * The ids under which the client socket of a connection we accepted ({@code local} our end, {@code remote} the
     * client's) may be found, in the order to ask. IPv4 first as {@code AF_INET}, how the kernel keeps a connection
     * the client made over IPv4 (the JDK reports a dual-stack socket's {@code ::ffff:a.b.c.d} as IPv4), then as
     * v4-mapped {@code AF_INET6}; IPv6 as {@code AF_INET6}; none for a mix of the two or an unresolved address.
     */
    static List<SocketId> clientOf(InetSocketAddress local, InetSocketAddress remote) {
        InetAddress ours = local.getAddress();
        InetAddress theirs = remote.getAddress();
        if (ours instanceof Inet4Address && theirs instanceof Inet4Address) {
            return List.of(new SocketId(AF_INET, remote, local), new SocketId(AF_INET6, remote, local));
        }
        if (ours instanceof Inet6Address && theirs instanceof Inet6Address) {
            return List.of(new SocketId(AF_INET6, remote, local));
        }
        return List.of();
    }

    /** An address as this id's family writes it into a 16-byte field: IPv4 in the first four bytes, or v4-mapped. */
    byte[] wire(InetAddress address) {
        byte[] bytes = address.getAddress();
        return family == AF_INET ? Arrays.copyOf(bytes, 16) : sixteen(bytes);
    }

    /** An address's 16-byte form, to compare the families' spellings: IPv6 as it is, IPv4 as v4-mapped IPv6. */
    static byte[] sixteen(byte[] address) {
        if (address.length == 16) {
            return address;
        }
        byte[] mapped = Arrays.copyOf(MAPPED_PREFIX, 16);
        System.arraycopy(address, 0, mapped, MAPPED_PREFIX.length, 4);
        return mapped;
    }
}
