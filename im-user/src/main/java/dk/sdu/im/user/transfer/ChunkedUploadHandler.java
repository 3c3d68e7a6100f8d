package dk.sdu.im.user.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.wire.Envelopes.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser-facing CHUNKED upload route (contract 6.3), {@code POST /ucloud/<id>/upload}, on the JDK HTTP
 * server; the protocol itself is {@link ChunkedUploads}.
 *
 * <p>Trust: the request carries no JWT; the token ({@code Chunked-Upload-Token} header, or the {@code token}
 * query parameter of the upload URL) is the only credential, and {@code UCloud-Username} (standard base64) and
 * every {@code usernameHint}, where present, must name its user. Every refusal of a token is the same 404.
 *
 * <p>Replies: 200 {@code {}} for an accepted chunk; errors as {@code {"statusCode":N,"why":"...","errorCode":null}}
 * (400 bad headers or sizes, 404 unknown or expired token, 409 an offset past the bytes held, 413 a chunk over
 * 16 MiB, 403/507 from the disk). Every reply carries {@code Access-Control-Allow-Origin: *} (the browser calls
 * from UCloud's origin) and, when known, {@code Chunked-Upload-Offset: <bytes held>}, exposed to scripts, so a
 * client can resume from it. {@code OPTIONS} answers the CORS preflight. One request log line per request
 * ({@code files.upload.chunked}, with {@code .aborted} when the client went away mid-chunk); {@code onActivity}
 * runs when a request's token was accepted and when it ends, so an upload keeps the instance alive.
 *
 * <p>WEBSOCKET_V2 uses the same path with {@code GET} and an upgrade; a server that serves both mounts its
 * WebSocket handler there and passes {@code POST} and {@code OPTIONS} on to this one, which answers 405 to
 * anything else.
 */
public final class ChunkedUploadHandler implements HttpHandler {
    static final String OFFSET = "Chunked-Upload-Offset";
    private static final Logger LOG = Logger.getLogger(ChunkedUploadHandler.class.getName());
    private static final String CALL = "files.upload.chunked";
    private static final String ALLOWED_HEADERS =
            "Chunked-Upload-Token, Chunked-Upload-Offset, Chunked-Upload-Total-Size, UCloud-Username, Content-Type";

    private final ChunkedUploads uploads;
    private final String path;
    private final RequestLog log;
    private final Runnable onActivity;
    private final ObjectMapper mapper = Json.boundaryMapper();

    /** @param path the exact path served, {@link UploadService#uploadPath()} */
    public ChunkedUploadHandler(ChunkedUploads uploads, String path, RequestLog log, Runnable onActivity) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.path = Objects.requireNonNull(path, "path");
        this.log = Objects.requireNonNull(log, "log");
        this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
    }

    /** Serves one request; the exchange is closed whatever happens, so a client is never left waiting. */
    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) {
        long started = System.nanoTime();
        if (exchange.getRequestMethod().equals("OPTIONS") && path.equals(exchange.getRequestURI().getRawPath())) {
            preflight(exchange);
            log.request(CALL + ".preflight", "-", 204, System.nanoTime() - started);
            return;
        }
        ChunkOutcome outcome = outcome(exchange);
        if (!(outcome instanceof ChunkOutcome.Refused refused && refused.error().status() == 413)) {
            drain(exchange);
        }
        String call = outcome instanceof ChunkOutcome.Interrupted ? CALL + ".aborted" : CALL;
        int status = status(outcome);
        try {
            reply(exchange, outcome, status);
        } catch (IOException e) {
            call = CALL + ".aborted";
            LOG.log(Level.FINE, "an upload reply was not delivered (the client went away?)", e);
        }
        if (outcome.user() != null) {
            onActivity.run();
        }
        log.request(call, outcome.user() == null ? "-" : outcome.user(), status, System.nanoTime() - started);
    }

    private ChunkOutcome outcome(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!path.equals(exchange.getRequestURI().getRawPath())) {
            return refused(ApiException.notFound("No such call: " + method + " " + exchange.getRequestURI().getRawPath()));
        }
        if (!method.equals("POST")) {
            return refused(ApiException.of(405, "Method " + method + " is not allowed on " + path, null));
        }
        try {
            return uploads.accept(chunk(exchange), exchange.getRequestBody(), onActivity);
        } catch (ApiException e) {
            return refused(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "upload request failed", e);
            return refused(ApiException.of(500, "Internal error while receiving an upload", null));
        }
    }

    /**
     * Reads and drops what is left of a body that was not used (a refused chunk, a resend after completion; at
     * most {@link ChunkedUploads#MAX_CHUNK_BYTES}), so the client reads the answer, with the offset to resume from,
     * on a connection that stays usable. Otherwise the server closes the connection with unread bytes, the kernel
     * resets it, and the client may lose the answer it was sent.
     */
    private static void drain(HttpExchange exchange) {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            long left = ChunkedUploads.MAX_CHUNK_BYTES;
            for (int n; left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "the rest of a refused chunk could not be read", e);
        }
    }

    private static ChunkedUploads.Chunk chunk(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String query = exchange.getRequestURI().getRawQuery();
        var parsed = CapabilityQuery.parse(query);
        String token = first(headers.getFirst("Chunked-Upload-Token"), parsed.single("token", UploadService::unknownLink));
        return new ChunkedUploads.Chunk(token, hints(headers, parsed), headers.getFirst(OFFSET),
                headers.getFirst("Chunked-Upload-Total-Size"), contentLength(headers.getFirst("Content-Length")));
    }

    /** The {@code UCloud-Username} header (standard base64, the browser's) and every {@code usernameHint}: all must agree. */
    private static UsernameHints hints(Headers headers, CapabilityQuery query) {
        List<String> header = headers.get("UCloud-Username");
        List<String> values = new ArrayList<>(header == null ? List.of() : header);
        values.addAll(query.all("usernameHint"));
        return new UsernameHints(values);
    }

    private static void preflight(HttpExchange exchange) {
        try {
            Headers headers = corsHeaders(exchange);
            headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
            headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.set("Access-Control-Max-Age", "600");
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            LOG.log(Level.FINE, "a preflight reply was not delivered", e);
        }
    }

    private static Headers corsHeaders(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Access-Control-Expose-Headers", OFFSET);
        headers.set("Cache-Control", "no-store");
        return headers;
    }

    private void reply(HttpExchange exchange, ChunkOutcome outcome, int status) throws IOException {
        Headers headers = corsHeaders(exchange);
        if (outcome.held() >= 0) {
            headers.set(OFFSET, Long.toString(outcome.held()));
        }
        if (status == 405) {
            headers.set("Allow", "POST, OPTIONS");
        }
        headers.set("Content-Type", "application/json; charset=utf-8");
        byte[] body = body(outcome);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private byte[] body(ChunkOutcome outcome) {
        if (!(outcome instanceof ChunkOutcome.Refused refused)) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        ApiException error = refused.error();
        try {
            return mapper.writeValueAsBytes(ErrorBody.of(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }

    private static int status(ChunkOutcome outcome) {
        return switch (outcome) {
            case ChunkOutcome.Stored _, ChunkOutcome.Completed _ -> 200;
            case ChunkOutcome.Refused refused -> refused.error().status();
            case ChunkOutcome.Interrupted _ -> 400;
        };
    }

    private static ChunkOutcome refused(ApiException error) {
        return new ChunkOutcome.Refused(null, -1, error);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Malformed Content-Length");
        }
    }
}
