package dk.sdu.im.gateway;

import java.util.Optional;

/**
 * Where a message body ends (RFC 9112 6.3). Request framing is decided strictly, because a proxy and
 * a backend that disagree about it let one request hide inside another ("request smuggling"), and every refusal is
 * a 400 after which the connection closes: {@code Transfer-Encoding} together with {@code Content-Length}, a
 * repeated or malformed {@code Content-Length} (digits only: no sign, no list), a repeated {@code Transfer-Encoding},
 * one whose value is anything but exactly {@code chunked} (lower case, as IM's own server demands; the optional
 * whitespace around a field value is not part of it, RFC 9112 5), and {@code Transfer-Encoding} in an HTTP/1.0
 * request (RFC 9112 6.1).
 */
sealed interface Framing {
    /** No body. */
    record None() implements Framing {
    }

    /** Exactly {@code length} bytes. */
    record Fixed(long length) implements Framing {
    }

    /** Chunked transfer coding, copied chunk by chunk, trailers included. */
    record Chunked() implements Framing {
    }

    /** Until the sender closes the connection (responses only). */
    record UntilClose() implements Framing {
    }

    Framing NONE = new None();
    Framing CHUNKED = new Chunked();
    Framing UNTIL_CLOSE = new UntilClose();

    /** The framing of a request body; a request without either field has no body. */
    static Framing ofRequest(RequestHead request) throws GatewayError {
        HeaderFields headers = request.headers();
        try {
            Optional<String> coding = headers.single("transfer-encoding");
            Optional<String> length = headers.single("content-length");
            if (coding.isPresent()) {
                return chunkedRequest(coding.get(), length.isPresent(), request.version());
            }
            return length.isPresent() ? fixed(length.get()) : NONE;
        } catch (BadHead e) {
            throw GatewayError.badRequest("The request's framing is malformed");
        }
    }

    /** The framing of a response body, given the request's method (a HEAD response has no body). */
    static Framing ofResponse(ResponseHead response, String requestMethod) throws BadHead {
        int status = response.status();
        if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return NONE;
        }
        HeaderFields headers = response.headers();
        if (!headers.values("transfer-encoding").isEmpty()) {
            return lastCodingIsChunked(headers) ? CHUNKED : UNTIL_CLOSE;
        }
        Optional<String> length = headers.single("content-length");
        return length.isPresent() ? fixed(length.get()) : UNTIL_CLOSE;
    }

    private static Framing chunkedRequest(String coding, boolean alsoLength, String version) throws GatewayError {
        if (alsoLength) {
            throw GatewayError.badRequest("The request has both Transfer-Encoding and Content-Length");
        }
        if (!coding.equals("chunked") || !version.equals("HTTP/1.1")) {
            throw GatewayError.badRequest("Only Transfer-Encoding: chunked over HTTP/1.1 is accepted");
        }
        return CHUNKED;
    }

    private static boolean lastCodingIsChunked(HeaderFields headers) {
        var values = headers.values("transfer-encoding");
        String[] codings = values.getLast().split(",");
        return HeaderField.withoutOptionalWhitespace(codings[codings.length - 1]).equalsIgnoreCase("chunked");
    }

    private static Framing fixed(String length) throws BadHead {
        if (!length.matches("[0-9]{1,18}")) {
            throw BadHead.malformed("malformed Content-Length");
        }
        long bytes = Long.parseLong(length);
        return bytes == 0 ? NONE : new Fixed(bytes);
    }
}
