package dk.sdu.im.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.Access;
import dk.sdu.im.api.rpc.Caller;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.wire.Envelopes;
import dk.sdu.im.api.wire.Streams;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileSearch;
import dk.sdu.im.api.http.CloseCodes;
import dk.sdu.im.api.http.Handshake;
import dk.sdu.im.api.http.Incoming;
import dk.sdu.im.api.http.SocketEndpoint;
import dk.sdu.im.api.http.SocketSession;
import dk.sdu.im.api.http.WebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * {@code files.streamingSearch} over WebSocket (contract 3.4.6): {@code /ucloud/<id>/files}, the JWT in the
 * upgrade's {@code Authorization} header, checked like every user call (its {@code ucloudUser} must be this
 * instance's user and agree with the routing header or hint). The first text frame names the call and the folder;
 * results go out as {@code message} frames in batches while the walk goes on, and the socket is closed when the
 * search is done. The client cancels by closing: a watcher reads the socket during the search, and the walk stops
 * at its next batch. A request that cannot be served gets one {@code response} frame with its status and
 * {@code why}, then the close. One request log line per search when it ends (status 101, or the refusal's).
 */
final class StreamingSearchEndpoint implements SocketEndpoint {
    static final Duration FIRST_FRAME_WAIT = Duration.ofSeconds(30);
    private static final String CALL = "files.streamingSearch";
    private static final TypeReference<Streams.Request<Streams.SearchRequest>> REQUEST = new TypeReference<>() { };

    private final CallerResolver callers;
    private final ObjectMapper mapper;
    private final BiFunction<String, String, DriveRoot> drives;
    private final FileSearch search;
    private final Runnable onActivity;
    private final RequestLog log;

    /** @param drives drive id and category name to the drive's root ({@link UserDrives#byIdInCategory}) */
    StreamingSearchEndpoint(CallerResolver callers, ObjectMapper mapper, BiFunction<String, String, DriveRoot> drives,
                            FileSearch search, Runnable onActivity, RequestLog log) {
        this.callers = callers;
        this.mapper = mapper;
        this.drives = drives;
        this.search = search;
        this.onActivity = onActivity;
        this.log = log;
    }

    @Override
    public SocketSession accept(Handshake handshake) {
        long started = System.nanoTime();
        Caller caller;
        try {
            caller = callers.resolve(Access.USER, handshake);
        } catch (ApiException e) {
            log.request(CALL, "-", e.status(), System.nanoTime() - started);
            throw e;
        }
        onActivity.run();
        return socket -> {
            try {
                run(socket);
            } finally {
                log.request(CALL, caller.describe(), 101, System.nanoTime() - started);
            }
        };
    }

    private void run(WebSocket socket) throws IOException {
        socket.setIdleTimeout(FIRST_FRAME_WAIT);
        if (!(socket.read() instanceof Incoming.Text first)) {
            socket.close(CloseCodes.POLICY_VIOLATION, "expected a streamingSearch request as text");
            return;
        }
        String streamId = "ignored";
        try {
            Streams.Request<Streams.SearchRequest> request = parse(first.text());
            streamId = request.streamId() == null ? streamId : request.streamId();
            serve(socket, streamId, check(request).payload());
            socket.close(CloseCodes.NORMAL, "");
        } catch (ApiException e) {
            socket.sendText(mapper.writeValueAsString(Streams.Reply.response(streamId, e.status(),
                    Envelopes.ErrorBody.of(e))));
            socket.close(CloseCodes.NORMAL, "");
        }
    }

    private void serve(WebSocket socket, String streamId, Streams.SearchRequest request) throws IOException {
        String folder = request.currentFolder();
        DriveRoot drive = drives.apply(driveId(folder), request.category() == null ? "" : request.category().name());
        AtomicBoolean cancelled = watchForClose(socket);
        search.search(drive, folder, request.query(), request.flags(), batch -> {
            if (cancelled.get()) {
                return false;
            }
            onActivity.run();
            socket.sendText(mapper.writeValueAsString(Streams.Reply.message(streamId, Streams.SearchBatch.of(batch))));
            return true;
        });
    }

    /** Reads on until the client closes (its way to cancel); anything it sends meanwhile is ignored. */
    private static AtomicBoolean watchForClose(WebSocket socket) {
        var cancelled = new AtomicBoolean();
        socket.setIdleTimeout(Duration.ofDays(1));
        Thread.ofVirtual().name("search-close-watch").start(() -> {
            try {
                while (!(socket.read() instanceof Incoming.Closed)) {
                    // only a close matters
                }
            } catch (IOException e) {
                // a broken connection cancels too
            }
            cancelled.set(true);
        });
        return cancelled;
    }

    private Streams.Request<Streams.SearchRequest> parse(String text) {
        Streams.Request<Streams.SearchRequest> request;
        try {
            request = mapper.readValue(text, REQUEST);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The first frame is not a JSON stream request");
        }
        if (request == null) {
            throw ApiException.badRequest("The first frame is not a JSON stream request");
        }
        return request;
    }

    private static Streams.Request<Streams.SearchRequest> check(Streams.Request<Streams.SearchRequest> request) {
        if (request.call() == null || !request.call().endsWith(".streamingSearch")) {
            throw ApiException.badRequest("This socket serves only files.provider.<id>.streamingSearch");
        }
        if (request.payload() == null || request.payload().currentFolder() == null) {
            throw ApiException.badRequest("The search needs payload.currentFolder");
        }
        return request;
    }

    private static String driveId(String folder) {
        if (!folder.startsWith("/") || folder.length() < 2) {
            throw ApiException.badRequest("Not a UCloud path: " + folder);
        }
        int end = folder.indexOf('/', 1);
        return end < 0 ? folder.substring(1) : folder.substring(1, end);
    }
}
