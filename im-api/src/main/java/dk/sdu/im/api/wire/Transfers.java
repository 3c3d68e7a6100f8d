package dk.sdu.im.api.wire;

/**
 * Transfer calls of contract section 3.4.5 ({@code files/download}) and the download protocol of 6.4. Both
 * come in the bulk envelopes of {@link Envelopes}: Core sends {@code BulkRequest<CreateDownloadRequestItem>}
 * and requires {@code BulkResponse<CreateDownloadResponseItem>} with exactly one response per item, in order
 * (otherwise it replies 502 to the user).
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
     * credentials, e.g. {@code https://slurm.example.org/ucloud/slurm/download?token=...&usernameHint=...}.
     * Core copies it to the browser unchanged.
     */
    public record CreateDownloadResponseItem(String endpoint) {
    }
}
