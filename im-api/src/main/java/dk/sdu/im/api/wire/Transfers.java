package dk.sdu.im.api.wire;

import java.util.List;

/**
 * Transfer calls of contract sections 3.4.4 ({@code files/upload}) and 3.4.5 ({@code files/download}), whose
 * protocols are in section 6. Both come in the bulk envelopes of {@link Envelopes}: Core sends
 * {@code BulkRequest<...RequestItem>} and requires {@code BulkResponse<...ResponseItem>} with exactly one
 * response per item, in order (otherwise it replies 502 to the user).
 */
public final class Transfers {
    private Transfers() {
    }

    /**
     * One item of {@code POST /ucloud/<id>/files/download}: {@code id} is the UCloud path of the file
     * ({@code /<driveId>/<path inside the drive>}), {@code resolvedCollection} the drive Core already resolved.
     */
    public record CreateDownloadRequestItem(String id, Files.Drive resolvedCollection) {
    }

    /**
     * The answer for one item: {@code endpoint} is the capability URL the browser GETs directly, without
     * credentials, e.g. {@code https://slurm.example.org/ucloud/slurm/download?token=...}. Core copies it to the
     * browser unchanged; the frontend appends {@code usernameHint=<base64(user)>} before opening it.
     */
    public record CreateDownloadResponseItem(String endpoint) {
    }

    /**
     * One item of {@code POST /ucloud/<id>/files/upload} (contract 3.4.4). {@code id} is the UCloud path of the
     * new file ({@code type} {@code FILE}) or of the new folder ({@code FOLDER}: target folder + "/" + name);
     * {@code supportedProtocols} is what the browser speaks (today {@code ["CHUNKED","WEBSOCKET"]}), possibly
     * null; {@code conflictPolicy} is {@code RENAME | REJECT | REPLACE | MERGE_RENAME}. Strings are kept as sent
     * (Go does not validate enums); unknown fields are ignored by the boundary mapper.
     */
    public record CreateUploadRequestItem(String id, String type, List<String> supportedProtocols, String conflictPolicy,
                                          Files.Drive resolvedCollection) {
    }

    /**
     * The answer for one upload item: {@code endpoint} is the capability URL the browser opens directly
     * (always the http(s) form; for {@code WEBSOCKET_V2} the browser turns it into ws(s) itself),
     * {@code protocol} the protocol the provider chose, {@code token} the secret that is also in the URL.
     */
    public record CreateUploadResponseItem(String endpoint, String protocol, String token) {
    }
}
