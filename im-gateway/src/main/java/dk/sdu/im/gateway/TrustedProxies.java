package dk.sdu.im.gateway;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The site's own proxies in front of the gateway (nginx, HAProxy): the peers whose {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} the gateway believes and extends instead of replacing them (see {@link Forwarded}).
 *
 * <p>Entries are addresses ({@code 127.0.0.1}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}),
 * literals only (no name is ever looked up), IPv4 as four decimal numbers without leading zeros, IPv6 without zone or
 * brackets, and a range without bits set beyond its prefix ({@code 10.0.0.1/8} is refused, not rounded). IPv4 peers
 * match IPv4 entries and IPv6 peers IPv6 entries; an IPv4-mapped peer ({@code ::ffff:10.1.2.3}, how a dual-stack
 * listener may name an IPv4 client) is its IPv4 address, and an IPv4-mapped entry ({@code ::ffff:10.0.0.0/104}) its
 * IPv4 range. So {@code ::/0} trusts every IPv6 peer but no IPv4 one.
 *
 * <p>Immutable and thread-safe. Trust: the entries come from the site's validated configuration.
 */
public final class TrustedProxies {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final int MAPPED_BITS = 96;
    private static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<String> entries;
    private final List<Range> ranges;

    private TrustedProxies(List<String> entries, List<Range> ranges) {
        this.entries = List.copyOf(entries);
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts no one: every peer's forwarding fields are replaced. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Trusts the given addresses and ranges.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or range as described above
     */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            ranges.add(Range.parse(entry));
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(entries, ranges);
    }

    /** Whether {@code peer}, the address a connection came from, is one of the site's proxies. */
    public boolean trusts(InetAddress peer) {
        byte[] address = withoutMapping(peer.getAddress());
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** The entries as given, e.g. {@code [127.0.0.1, fd00::/8]}. */
    @Override
    public String toString() {
        return entries.toString();
    }

    /**
     * The 4 bytes of an IPv4 or the 16 of an IPv6 address literal as described above ({@code ::ffff:a.b.c.d} gives 4),
     * null if {@code text} is none.
     */
    static byte[] literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return withoutMapping(InetAddress.ofLiteral(text).getAddress());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IPv4-mapped IPv6 address's IPv4 bytes; other addresses unchanged. */
    private static byte[] withoutMapping(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        boolean mapped = address[10] == (byte) 0xff && address[11] == (byte) 0xff;
        return mapped ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /** The addresses whose first {@code prefix} bits are those of {@code network} (4 or 16 bytes). */
    private record Range(byte[] network, int prefix) {
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
            }
            int prefix = slash < 0 ? network.length * 8 : prefix(entry, entry.substring(slash + 1), network, address);
            Range range = new Range(network, prefix);
            if (!Arrays.equals(range.masked(network), network)) {
                throw new IllegalArgumentException("bits set beyond the prefix in " + entry);
            }
            return range;
        }

        /** The prefix length in the network's own family: an IPv4-mapped range's /104 is /8. */
        private static int prefix(String entry, String text, byte[] network, String address) {
            int written = PREFIX.matcher(text).matches() ? Integer.parseInt(text) : -1;
            int offset = network.length == 4 && address.contains(":") ? MAPPED_BITS : 0;
            int prefix = written - offset;
            if (written < 0 || prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range in " + entry);
            }
            return prefix;
        }

        boolean contains(byte[] address) {
            return address.length == network.length && Arrays.equals(masked(address), masked(network));
        }

        private byte[] masked(byte[] address) {
            byte[] masked = address.clone();
            for (int bit = prefix; bit < masked.length * 8; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return masked;
        }
    }
}
