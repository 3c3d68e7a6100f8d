package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The upload protocols this provider speaks (contract 6.2 and 6.3) and how one is picked from what the browser
 * offers (decision 3: prefer {@code WEBSOCKET_V2}).
 *
 * <p>The browser's word {@code WEBSOCKET} means V1 for a file and V2 for a folder (contract 3.4.4), and V1 is not
 * spoken here. So a FILE request offering {@code ["CHUNKED","WEBSOCKET"]}, which is what browsers send today,
 * gets CHUNKED, and the same offer for a FOLDER gets WEBSOCKET_V2. An empty or missing list is Core's or an older
 * client's "anything": WEBSOCKET_V2, the one protocol the Go module speaks. CHUNKED carries one file, so a
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
        if (offered.isEmpty() || offered.contains(V2) || (kind == UploadKind.FOLDER && offered.contains(WEBSOCKET))) {
            return WEBSOCKET_V2;
        }
        if (offered.contains(CHUNKED_NAME) && kind == UploadKind.FILE) {
            return CHUNKED;
        }
        throw ApiException.badRequest("None of the offered upload protocols " + offered + " is supported for a "
                + kind.name().toLowerCase(Locale.ROOT) + "; this provider speaks WEBSOCKET_V2 and CHUNKED");
    }
}
