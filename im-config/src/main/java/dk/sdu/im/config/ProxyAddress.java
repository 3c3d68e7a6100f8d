package dk.sdu.im.config;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Accepts one entry of {@code gateway.trustedProxies}: an IP address ({@code 127.0.0.1}, {@code ::1}) or a CIDR range
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Literals only, no name is looked up: IPv4 as four decimal numbers without
 * leading zeros, IPv6 without zone or brackets, and a range without bits set beyond its prefix ({@code 10.0.0.1/8} is
 * refused rather than rounded, since the administrator may have meant one host). Returned in canonical form, as
 * {@link LoopbackHost} does ({@code ::1} becomes {@code 0:0:0:0:0:0:0:1}; an IPv4-mapped range such as
 * {@code ::ffff:10.0.0.0/104} becomes {@code 10.0.0.0/8}). The gateway reads the same forms
 * ({@code dk.sdu.im.gateway.TrustedProxies}).
 */
final class ProxyAddress implements ValueParser<String> {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final int MAPPED_BITS = 96;

    @Override
    public String parse(String text) throws InvalidValue {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = address(literal);
        if (slash < 0) {
            return address.getHostAddress();
        }
        int bits = address.getAddress().length * 8;
        int offset = bits == 32 && literal.contains(":") ? MAPPED_BITS : 0;
        String prefixText = text.substring(slash + 1);
        int prefix = PREFIX.matcher(prefixText).matches() ? Integer.parseInt(prefixText) - offset : -1;
        if (prefix < 0 || prefix > bits) {
            throw new InvalidValue("must have a prefix length from " + offset + " to " + (bits + offset),
                    "Write the range as address/length, e.g. 10.0.0.0/8 or fd00::/8.");
        }
        byte[] network = masked(address.getAddress(), prefix);
        if (!Arrays.equals(network, address.getAddress())) {
            throw new InvalidValue("must not have address bits set beyond its prefix",
                    "Write the range's first address, " + ofBytes(network).getHostAddress() + "/" + prefix
                            + ", or the single address without a prefix.");
        }
        return address.getHostAddress() + "/" + prefix;
    }

    private static InetAddress address(String literal) throws InvalidValue {
        if (IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches()) {
            try {
                return InetAddress.ofLiteral(literal);
            } catch (IllegalArgumentException e) {
                // Refused below.
            }
        }
        throw new InvalidValue("must be an IP address or a CIDR range (address/length)",
                "Write an address such as 127.0.0.1 or ::1, or a range such as 10.0.0.0/8 or fd00::/8; host names are"
                        + " not looked up.");
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static InetAddress ofBytes(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }
}
