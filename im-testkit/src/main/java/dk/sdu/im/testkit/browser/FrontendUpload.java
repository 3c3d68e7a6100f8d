package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.browser.FrontendUploadResult.Chunked;
import dk.sdu.im.testkit.browser.FrontendUploadResult.Strategy;
import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.Reply;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An upload as UCloud's frontend makes it ({@code Uploader.tsx}: {@code startUploads}, {@code processUpload} and its
 * protocol handlers; {@code Upload.ts}; {@code ChunkedFileReader.ts}), step by step:
 * <ol>
 * <li>{@code files/upload} through Core: one item {@code {id, type, supportedProtocols, conflictPolicy}} plus the
 *     drive Core resolved; {@code id} is the target folder, {@code /} and the file's or folder's name; the offer is
 *     {@link #OFFERED} unless a test changes it.
 * <li>The answer's protocol decides: {@code WEBSOCKET} means V2 for a folder and V1 for a file; {@code CHUNKED},
 *     {@code WEBSOCKET_V1} and {@code WEBSOCKET_V2} mean themselves; anything else is "not supported".
 * <li>CHUNKED: while bytes are left, a chunk of at most {@link #MAX_CHUNK_BYTES} is POSTed to the endpoint with
 *     {@code Chunked-Upload-Token}, {@code -Offset}, {@code -Total-Size} and {@code UCloud-Username} (standard
 *     base64); the first reply that is not 2xx stops it. An empty file sends nothing at all and counts as done. The
 *     pause button stops the loop after a chunk; resuming continues from the offset with the same endpoint and token.
 * <li>WEBSOCKET_V2: the endpoint opened as a WebSocket; one LISTING with file ids from 0, each file's size, mtime and
 *     the name {@code fullPath.split("/").slice(2).join("/")} ({@link #relativeName}): {@code ""} for a single
 *     file, whose {@code fullPath} is its name, and the path inside the folder for a dropped folder; each file's
 *     data after its OK in chunks of at most {@link #MAX_CHUNK_BYTES}, a zero-length CHUNK for an empty file; once
 *     COMPLETED counts every file, the socket is closed, without the CLOSE opcode.
 * </ol>
 * WEBSOCKET_V1 is not emulated (the provider never answers it); the result says so.
 *
 * <p>Test code, written from the frontend's source, independent of the provider's types. Thread-safe; close it to
 * release the HTTP client.
 */
public final class FrontendUpload implements AutoCloseable {
    /** {@code supportedProtocols} in {@code Upload.ts}, for files and folders alike. */
    public static final List<String> OFFERED = List.of("CHUNKED", "WEBSOCKET");
    /** {@code UploadConfig.maxChunkSize}: 16 MB, decimal. */
    public static final int MAX_CHUNK_BYTES = 16 * 1000 * 1000;

    private final Caller core;
    private final JsonNode drive;
    private final String username;
    private final BrowserReach reach;
    private final Duration timeout;
    private final ChunkedUpload chunks;

    /**
     * @param core Core's client for the user, which forwards the frontend's {@code files/upload}
     * @param drive the drive Core resolved for the target ({@code resolvedCollection})
     * @param username the user logged in to the frontend ({@code Client.username})
     * @param timeout bounds each request and each wait on the socket
     */
    public FrontendUpload(Caller core, JsonNode drive, String username, BrowserReach reach, Duration timeout) {
        this.core = Objects.requireNonNull(core, "core");
        this.drive = Objects.requireNonNull(drive, "drive");
        this.username = Objects.requireNonNull(username, "username");
        this.reach = Objects.requireNonNull(reach, "reach");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.chunks = new ChunkedUpload(timeout);
    }

    /**
     * What the user dropped or picked, and where. {@code conflictPolicy} is {@code RENAME} as for the frontend's
     * drops and picks; {@code offered} is {@link #OFFERED}; {@code pauseAfterChunks} presses pause after that many
     * CHUNKED posts ({@link Integer#MAX_VALUE}: never).
     */
    public record Selection(Path source, boolean folder, String targetFolder, String conflictPolicy, List<String> offered,
                            int pauseAfterChunks) {
        public Selection {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(targetFolder, "targetFolder");
            Objects.requireNonNull(conflictPolicy, "conflictPolicy");
            offered = List.copyOf(offered);
        }

        public static Selection file(Path file, String targetFolder) {
            return new Selection(file, false, targetFolder, "RENAME", OFFERED, Integer.MAX_VALUE);
        }

        public static Selection folder(Path folder, String targetFolder) {
            return new Selection(folder, true, targetFolder, "RENAME", OFFERED, Integer.MAX_VALUE);
        }

        public Selection withConflictPolicy(String policy) {
            return new Selection(source, folder, targetFolder, policy, offered, pauseAfterChunks);
        }

        /** Another offer than the frontend's, for a client that speaks less. */
        public Selection offering(List<String> protocols) {
            return new Selection(source, folder, targetFolder, conflictPolicy, protocols, pauseAfterChunks);
        }

        public Selection pausingAfterChunks(int posts) {
            return new Selection(source, folder, targetFolder, conflictPolicy, offered, posts);
        }

        String id() {
            return targetFolder + "/" + source.getFileName();
        }
    }

    /** The whole upload; failures are in the result. */
    public FrontendUploadResult upload(Selection selection) {
        Reply created = core.post("files/upload", request(selection));
        var strategy = Strategy.of(created);
        if (strategy.isEmpty()) {
            return new FrontendUploadResult.NotStarted(created);
        }
        String protocol = protocolFor(strategy.get().protocol(), selection.folder());
        return switch (protocol) {
            case "WEBSOCKET_V2" -> new FrontendUploadResult.Streamed(created, strategy.get(), stream(strategy.get(), selection));
            case "CHUNKED" -> selection.folder() ? new FrontendUploadResult.Unsupported(created, "CHUNKED for a folder")
                    : post(created, strategy.get(), selection.source(), 0, selection.pauseAfterChunks());
            default -> new FrontendUploadResult.Unsupported(created, protocol);
        };
    }

    /** The resume button after a pause: the same endpoint and token, from the offset the loop reached, to the end. */
    public Chunked resume(Chunked paused) {
        return post(paused.created(), paused.strategy(), paused.file(), paused.offset(), Integer.MAX_VALUE);
    }

    /** {@code f.fullPath.split("/").slice(2).join("/")}, JavaScript's split keeping empty parts. */
    public static String relativeName(String fullPath) {
        String[] parts = fullPath.split("/", -1);
        return parts.length <= 2 ? "" : String.join("/", Arrays.asList(parts).subList(2, parts.length));
    }

    /** {@code processUpload}'s reading of the answer: {@code WEBSOCKET} is V2 for a folder, V1 for a file. */
    static String protocolFor(String answered, boolean folder) {
        if (answered.equals("WEBSOCKET")) {
            return folder ? "WEBSOCKET_V2" : "WEBSOCKET_V1";
        }
        boolean known = List.of("CHUNKED", "WEBSOCKET_V1", "WEBSOCKET_V2").contains(answered);
        return known ? answered : "not supported: " + answered;
    }

    private ObjectNode request(Selection selection) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode item = body.putArray("items").addObject();
        var offered = item.putArray("supportedProtocols");
        selection.offered().forEach(offered::add);
        item.put("type", selection.folder() ? "FOLDER" : "FILE");
        item.put("conflictPolicy", selection.conflictPolicy());
        item.put("id", selection.id());
        item.set("resolvedCollection", drive);
        return body;
    }

    private UploadResult stream(Strategy strategy, Selection selection) {
        var options = UploadOptions.defaults().withChunkSize(MAX_CHUNK_BYTES).withSendClose(false).withTimeout(timeout);
        return WebSocketV2Upload.run(reach.url().apply(strategy.endpoint()), sources(selection), options);
    }

    /** The files as the frontend lists them: a picked file's fullPath is its name; a dropped folder's are rooted at it. */
    private static List<UploadSource> sources(Selection selection) {
        Path source = selection.source();
        if (!selection.folder()) {
            return List.of(UploadSource.of(source, relativeName(source.getFileName().toString())));
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile).sorted()
                    .map(file -> UploadSource.of(file, relativeName(droppedPath(source, file)))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
    }

    /** A dropped file's {@code fullPath}: {@code /<folder>/<path inside it>}. */
    private static String droppedPath(Path folder, Path file) {
        return "/" + folder.getFileName() + "/" + folder.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** The CHUNKED loop of {@code protocolHandlerChunkedAndWebSocketV1}, from {@code from}. */
    private Chunked post(Reply created, Strategy strategy, Path file, long from, int pauseAfter) {
        List<Reply> posts = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long offset = from;
            while (offset < size) {
                if (posts.size() >= pauseAfter) {
                    return new Chunked(created, strategy, file, size, offset, posts, true);
                }
                byte[] data = ChunkedUpload.read(in, offset, (int) Math.min(MAX_CHUNK_BYTES, size - offset));
                Reply reply = chunks.post(new ChunkedUpload.Chunk(reach.url().apply(strategy.endpoint()), strategy.token(),
                        offset, size, username, data));
                posts.add(reply);
                if (!reply.isSuccess()) {
                    break;
                }
                offset += data.length;
            }
            return new Chunked(created, strategy, file, size, offset, posts, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        chunks.close();
    }
}
