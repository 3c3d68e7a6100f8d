package dk.sdu.im.gateway;

/**
 * A request line, {@code method SP request-target SP HTTP-version} (RFC 9112 3), parsed strictly and before the
 * header fields are read, so a request the gateway will refuse (an HTTP/0.9 line, a proxy request) is answered at
 * once. Targets: origin form ({@code /path?query}), or {@code *} for {@code OPTIONS}. The absolute form
 * ({@code http://host/path}) is refused although RFC 9112 3.2.2 asks servers to accept it: only proxies are sent it,
 * UCloud never does, and a target naming a host beside the {@code Host} field is one more place for the gateway and a
 * backend to disagree.
 */
record RequestLine(String method, String target, String version) {
    /**
     * @throws BadHead malformed for anything but three parts separated by single spaces, a token method, a valid
     *     target and {@code HTTP/d.d}; unsupported (505) for a version other than HTTP/1.0 and HTTP/1.1
     */
    static RequestLine parse(String line) throws BadHead {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
            throw BadHead.malformed("malformed request line");
        }
        // The version first: HTTP/2's connection preface ("PRI * HTTP/2.0") gets its 505.
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new BadHead(BadHead.Kind.UNSUPPORTED_VERSION, "unsupported version " + parts[2]);
        }
        if (!Tokens.isToken(parts[0]) || !validTarget(parts[0], parts[1])) {
            throw BadHead.malformed("malformed method or target");
        }
        return new RequestLine(parts[0], parts[1], parts[2]);
    }

    RequestHead with(HeaderFields headers) {
        return new RequestHead(method, target, version, headers);
    }

    /** Origin form, or {@code *} for OPTIONS (RFC 9112 3.2); visible ASCII only, no fragment. */
    private static boolean validTarget(String method, String target) {
        if (target.isEmpty() || target.indexOf('#') >= 0 || !target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        return target.startsWith("/") || target.equals("*") && method.equals("OPTIONS");
    }
}
