package dk.sdu.im.gateway;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a backend is told about where a request came from: the {@code X-Forwarded-For} and {@code X-Forwarded-Proto}
 * values that {@link Forwarding} sets in place of the client's.
 *
 * <p>Trust: from a peer that is not one of the site's {@link TrustedProxies} both are the gateway's own facts, the
 * peer's address and the scheme of the gateway's listener, whatever the client sent; so no client can make a backend
 * believe another address. From a trusted proxy the chain it sent (its lines joined in order) is kept with the peer
 * appended ({@code <proxy's value>, <peer>}), and its {@code X-Forwarded-Proto} is kept when it is exactly
 * {@code http} or {@code https}. A value the proxy sent that is not of that form is replaced as if the proxy were
 * untrusted: an {@code X-Forwarded-For} that is not a comma list of IP addresses, {@code unknown} or obfuscated
 * identifiers ({@code _hidden}, RFC 7239 6), and an {@code X-Forwarded-Proto} that is repeated or anything else
 * ({@code javascript}, {@code HTTPS}). A backend thus always receives a chain it can parse, whose last entry is the
 * gateway's peer and whose entry before it, behind a trusted proxy, is what that proxy saw.
 *
 * @param forwardedFor the {@code X-Forwarded-For} value the backend receives
 * @param proto the {@code X-Forwarded-Proto} value the backend receives
 */
record Forwarded(String forwardedFor, String proto) {
    private static final Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]+");

    /**
     * The values for a request with {@code headers} from {@code peer}.
     *
     * @param tls whether the gateway's own listener serves TLS: the scheme it states itself ({@code https}, else {@code http})
     */
    static Forwarded of(HeaderFields headers, InetAddress peer, TrustedProxies trusted, boolean tls) {
        String own = tls ? "https" : "http";
        String address = peer.getHostAddress();
        if (!trusted.trusts(peer)) {
            return new Forwarded(address, own);
        }
        List<String> chain = headers.values("x-forwarded-for");
        String joined = String.join(", ", chain);
        String forwardedFor = !chain.isEmpty() && isChain(joined) ? joined + ", " + address : address;
        List<String> protos = headers.values("x-forwarded-proto");
        boolean keepProto = protos.size() == 1 && (protos.getFirst().equals("http") || protos.getFirst().equals("https"));
        return new Forwarded(forwardedFor, keepProto ? protos.getFirst() : own);
    }

    private static boolean isChain(String value) {
        for (String element : value.split(",", -1)) {
            if (!isNode(HeaderField.withoutOptionalWhitespace(element))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNode(String node) {
        return node.toLowerCase(Locale.ROOT).equals("unknown") || OBFUSCATED.matcher(node).matches()
                || TrustedProxies.literal(node) != null;
    }
}
