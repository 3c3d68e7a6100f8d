package dk.sdu.im.api.http;

import java.util.List;

/**
 * How a request's body is delimited (RFC 9112 6.3), decided from its head alone and strictly, so that this server
 * and the gateway in front of it can never disagree about where a body ends: both {@code Content-Length} and
 * {@code Transfer-Encoding}, differing or malformed lengths, and any coding other than exactly {@code chunked} are
 * refused before a handler sees the request.
 */
sealed interface BodyFraming {
    /** No body. */
    record None() implements BodyFraming {
    }

    /** Exactly {@code length} bytes. */
    record Fixed(long length) implements BodyFraming {
    }

    /** Chunked, ending with the last chunk and its trailers. */
    record Chunked() implements BodyFraming {
    }

    /** @throws Refusal (400) for a framing this server does not accept, (501) for an unknown transfer coding */
    static BodyFraming of(RequestHead head) throws Refusal {
        List<String> codings = head.values("transfer-encoding");
        List<String> lengths = head.values("content-length");
        if (!codings.isEmpty() && !lengths.isEmpty()) {
            throw Refusal.badRequest("The request has both Content-Length and Transfer-Encoding");
        }
        if (!codings.isEmpty()) {
            if (!codings.equals(List.of("chunked")) || !head.version().equals("HTTP/1.1")) {
                throw Refusal.notImplemented("Only Transfer-Encoding: chunked over HTTP/1.1 is accepted");
            }
            return new Chunked();
        }
        if (lengths.isEmpty()) {
            return new None();
        }
        long length = length(lengths.getFirst());
        for (String other : lengths) {
            if (length(other) != length) {
                throw Refusal.badRequest("The request has differing Content-Length values");
            }
        }
        return length == 0 ? new None() : new Fixed(length);
    }

    /** At most 18 decimal digits, nothing else: no sign, no spaces, no list. */
    private static long length(String value) throws Refusal {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.badRequest("The request's Content-Length is malformed");
        }
        return Long.parseLong(value);
    }
}
