package dk.sdu.im.user.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Envelopes.ErrorBody;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser-facing download route (contract 2.4, 3.7 and 6.4), {@code GET} and {@code HEAD}
 * {@code /ucloud/<id>/download?token=...}, as a function from request to {@link DownloadReply}, with no HTTP
 * server in it; {@link DownloadEndpoint} adapts it to IM/User's listener.
 *
 * <p>Trust: the request carries no JWT; the token is the only credential ({@link DownloadService#open}).
 * Every refusal of a token (unknown, expired, for uploads, for another user) is the same 404 with the same
 * text, as contract 6.4 says for unknown tokens, so nothing can be learnt by trying. Errors are JSON
 * {@code {"statusCode":N,"why":"...","errorCode":null}}; every reply, errors included, carries
 * {@code Access-Control-Allow-Origin: *} because the browser calls the provider directly from UCloud's origin.
 *
 * <p>200 and 206 replies carry {@code Content-Length}, {@code Content-Type: application/octet-stream},
 * {@code Content-Disposition} ({@link ContentDisposition}), {@code Accept-Ranges: bytes}, {@code ETag} and
 * {@code Last-Modified}. Ranges are chosen by {@link RangeSelection}; {@code If-Range} is honoured, so a resume
 * after the file changed gets the whole new file (200) instead of a splice of two versions. {@code OPTIONS}
 * answers a CORS preflight. Thread-safe.
 */
public final class DownloadResponder {
    private static final Logger LOG = Logger.getLogger(DownloadResponder.class.getName());
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String EXPOSED = "Content-Disposition, Content-Length, Content-Range, Accept-Ranges, ETag, Last-Modified";

    private final DownloadService downloads;
    private final ObjectMapper mapper = Json.boundaryMapper();

    public DownloadResponder(DownloadService downloads) {
        this.downloads = Objects.requireNonNull(downloads, "downloads");
    }

    /**
     * One request as the HTTP server saw it.
     *
     * @param path the request path, not decoded (only {@link DownloadService#downloadPath()} is served)
     * @param rawQuery the query string, still percent-encoded, or null
     * @param range the {@code Range} header or null
     * @param ifRange the {@code If-Range} header or null
     */
    public record Request(String method, String path, String rawQuery, String range, String ifRange) {
    }

    /** The reply to {@code request}; the caller writes it and then closes it. Never throws. */
    public DownloadReply respond(Request request) {
        DownloadReply reply;
        try {
            reply = answer(request);
        } catch (ApiException e) {
            reply = error(e, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "download request failed", e);
            reply = error(ApiException.of(500, "Internal error while serving a download", null), null);
        }
        return "HEAD".equals(request.method()) ? withoutBody(reply) : reply;
    }

    /** A HEAD reply: the same head (Content-Length included), no body, errors too. */
    private static DownloadReply withoutBody(DownloadReply reply) {
        if (reply.body() instanceof DownloadReply.None) {
            return reply;
        }
        closeQuietly(reply);
        return new DownloadReply(reply.status(), reply.headers(), new DownloadReply.None(), reply.user());
    }

    private DownloadReply answer(Request request) {
        if (!downloads.downloadPath().equals(request.path())) {
            throw ApiException.notFound("No such call: " + request.method() + " " + request.path());
        }
        String method = request.method();
        if (method.equals("OPTIONS")) {
            return preflight();
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiException.of(405, "Method " + method + " is not allowed on " + request.path(), null);
        }
        var query = CapabilityQuery.parse(request.rawQuery());
        DownloadService.ServedFile served = downloads.open(query.single("token", DownloadService::unknownLink),
                new UsernameHints(query.all("usernameHint")));
        try {
            return content(served, request);
        } catch (RuntimeException e) {
            closeQuietly(served);
            throw e;
        }
    }

    private DownloadReply content(DownloadService.ServedFile served, Request request) {
        long size = served.file().size();
        String etag = etag(size, served.file().lastModified());
        String lastModified = HTTP_DATE.format(served.file().lastModified().toInstant());
        RangeSelection selection = ifRangeHolds(request.ifRange(), etag, lastModified)
                ? RangeSelection.of(request.range(), size) : RangeSelection.ALL;
        String user = served.capability().ucloudUser();
        if (selection instanceof RangeSelection.Unsatisfiable) {
            closeQuietly(served);
            return unsatisfiable(size, user);
        }
        var headers = corsHeaders();
        long offset = 0;
        long length = size;
        int status = 200;
        if (selection instanceof RangeSelection.Part part) {
            status = 206;
            offset = part.first();
            length = part.length();
            headers.put("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
        }
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(length));
        headers.put("Content-Disposition", ContentDisposition.attachment(served.name()));
        headers.put("Accept-Ranges", "bytes");
        headers.put("ETag", etag);
        headers.put("Last-Modified", lastModified);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        if (length == 0) {
            closeQuietly(served);
            return new DownloadReply(status, headers, new DownloadReply.None(), user);
        }
        return new DownloadReply(status, headers, new DownloadReply.FileSlice(served.file().channel(), offset, length), user);
    }

    /** 416 with the size in {@code Content-Range}, so the client can correct its range. */
    private DownloadReply unsatisfiable(long size, String user) {
        var error = ApiException.of(416, "The requested range is not satisfiable: the file has " + size + " bytes", null);
        DownloadReply reply = error(error, user);
        var headers = new LinkedHashMap<>(reply.headers());
        headers.put("Content-Range", "bytes */" + size);
        headers.put("Accept-Ranges", "bytes");
        return new DownloadReply(416, headers, reply.body(), user);
    }

    /**
     * RFC 9110 13.1.5: without If-Range, or when it matches, the Range header counts. An entity tag matches
     * by strong comparison (a weak one never does), a date only when it is exactly our Last-Modified.
     */
    static boolean ifRangeHolds(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        return value.startsWith("\"") ? value.equals(etag) : value.equals(lastModified);
    }

    /** A strong validator from size and modification time (as most file servers make theirs). */
    static String etag(long size, FileTime lastModified) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(lastModified.to(TimeUnit.NANOSECONDS)) + "\"";
    }

    private static DownloadReply preflight() {
        var headers = corsHeaders();
        headers.put("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "Range, If-Range");
        headers.put("Access-Control-Max-Age", "600");
        return new DownloadReply(204, headers, new DownloadReply.None(), null);
    }

    private DownloadReply error(ApiException error, String user) {
        var headers = corsHeaders();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        if (error.status() == 405) {
            headers.put("Allow", "GET, HEAD, OPTIONS");
        }
        byte[] body = json(ErrorBody.of(error));
        headers.put("Content-Length", Integer.toString(body.length));
        return new DownloadReply(error.status(), headers, new DownloadReply.Bytes(body), user);
    }

    private byte[] json(ErrorBody body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }

    private static SequencedMap<String, String> corsHeaders() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Expose-Headers", EXPOSED);
        return headers;
    }

    private static void closeQuietly(AutoCloseable served) {
        try {
            served.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a download file failed", e);
        }
    }
}
