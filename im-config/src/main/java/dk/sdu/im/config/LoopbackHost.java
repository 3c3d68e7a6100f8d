package dk.sdu.im.config;

import java.net.InetAddress;

/**
 * Accepts only a loopback listen address: {@code localhost}, an IPv4 address in 127.0.0.0/8 or
 * {@code ::1}. IM/Server never listens publicly (the gateway is the only public listener), so anything
 * else is refused rather than corrected. Literals are returned in canonical form (e.g. {@code [::1]}
 * becomes {@code 0:0:0:0:0:0:0:1}); no name is ever looked up in DNS.
 */
final class LoopbackHost implements ValueParser<String> {
    @Override
    public String parse(String text) throws InvalidValue {
        if (text.equalsIgnoreCase("localhost")) {
            return "localhost";
        }
        InetAddress address = literal(text);
        if (!address.isLoopbackAddress()) {
            throw refused();
        }
        return address.getHostAddress();
    }

    /** Whether {@code host} is a loopback host as this parser accepts it; for record invariants. */
    static boolean isLoopback(String host) {
        try {
            new LoopbackHost().parse(host);
            return true;
        } catch (InvalidValue e) {
            return false;
        }
    }

    private static InetAddress literal(String text) throws InvalidValue {
        if (!text.contains(":") && !text.matches("[0-9.]+")) {
            throw refused();
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
    }

    private static InvalidValue refused() {
        return new InvalidValue("must be a loopback address (127.0.0.0/8, ::1 or localhost)",
                "IM/Server never listens publicly; the gateway is the only public listener."
                        + " Use 127.0.0.1 and configure the gateway for public access.");
    }
}
