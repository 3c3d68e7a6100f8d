package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The upload protocols this provider speaks (contract 6.2 and 6.3) and how one is picked from what the browser
 * offers (decision 3).
 *
 * <p>{@code WEBSOCKET_V2} whenever the offer contains {@code WEBSOCKET_V2} or {@code WEBSOCKET}, for a file as for
 * a folder, as the Go module answers. The browser offers {@code ["CHUNKED","WEBSOCKET"]} for both; its word
 * {@code WEBSOCKET} would mean V1 for a file, but only if it were the answer: answered {@code WEBSOCKET_V2}, the
 * frontend streams a single file over V2 under the empty relative name (the target itself), which is many times
 * faster than its CHUNKED loop and, unlike that loop, creates empty files. An empty or missing list is Core's or
 * an older client's "anything": WEBSOCKET_V2 too.
 *
 * <p>{@code CHUNKED} only when no WebSocket protocol is offered, and only for a FILE (it carries one file); a
 * FOLDER offering only CHUNKED is refused (400) rather than given a protocol that cannot carry it.
 */
public enum UploadProtocol {
    WEBSOCKET_V2, CHUNKED;

    private static final String V2 = "WEBSOCKET_V2";
    private static final String WEBSOCKET = "WEBSOCKET";
    private static final String CHUNKED_NAME = "CHUNKED";

    /** The protocol for an upload of {@code kind} offering {@code supported} (null allowed); 400 if none fits. */
    static UploadProtocol choose(UploadKind kind, List<String> supported) {
        Objects.requireNonNull(kind, "kind");
        List<String> offered = supported == null ? List.of() : supported.stream().filter(Objects::nonNull)
                .map(p -> p.strip().toUpperCase(Locale.ROOT)).toList();
        if (offered.isEmpty() || offered.contains(V2) || offered.contains(WEBSOCKET)) {
            return WEBSOCKET_V2;
        }
        if (offered.contains(CHUNKED_NAME) && kind == UploadKind.FILE) {
            return CHUNKED;
        }
        throw ApiException.badRequest("None of the offered upload protocols " + offered + " is supported for a "
                + kind.name().toLowerCase(Locale.ROOT) + "; this provider speaks WEBSOCKET_V2 (also for WEBSOCKET),"
                + " and CHUNKED for single files");
    }
}
