package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Transfers.CreateUploadRequestItem;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileOperations;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Uploads (contract 3.4.4 and 6): {@link #createUpload} checks the target, picks the protocol and hands out a
 * capability URL; the protocol handlers ({@link ChunkedUploadHandler} for CHUNKED, a WebSocket handler for
 * WEBSOCKET_V2) {@link #redeem} its token and write the bytes with {@link PartialFile}.
 *
 * <p>The URL is {@code <publicUrl>/ucloud/<providerId>/upload?token=<t>&usernameHint=<base64url(user)>}, always in
 * its http(s) form: for WEBSOCKET_V2 the browser turns it into ws(s) itself (contract 6.1). The token is also the
 * response's {@code token}. It is bound to the user, the resolved target (a real path inside the drive, see
 * {@link UploadTargets} for what each conflict policy does at this point), the drive, FILE or FOLDER, the resolved
 * policy and {@link Operation#UPLOAD}, and works until it expires ({@code lifetime}, 1 hour by default), any
 * number of times (the browser reconnects and resumes with the same URL; contract 6.1 leaves one-time use open).
 *
 * <p>Runs inside IM/User, as the user; thread-safe.
 */
public final class UploadService {
    /** How long an upload URL works when nothing else is configured. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final int UPLOAD_ID_BYTES = 8;

    private final CapabilityTokens tokens;
    private final Clock clock;
    private final CapabilityEndpoint endpoint;
    private final FileOperations folders;
    private final Duration lifetime;
    /** For upload ids, which name partial files: unique and unpredictable, not secret. */
    private final SecureRandom random = new SecureRandom();

    public UploadService(CapabilityTokens tokens, Clock clock, URI publicUrl, String providerId, FileOperations folders) {
        this(tokens, clock, publicUrl, providerId, folders, DEFAULT_LIFETIME);
    }

    /**
     * @param publicUrl where browsers reach this provider (the gateway): an absolute http or https URL, as in
     *     {@code provider.publicUrl}; a trailing {@code /} is ignored
     * @param providerId the provider id, which appears in the path {@code /ucloud/<providerId>/upload}
     * @param folders makes the folder of a FOLDER upload, with the rules of the other file calls
     * @param lifetime how long an upload URL works; positive
     */
    public UploadService(CapabilityTokens tokens, Clock clock, URI publicUrl, String providerId, FileOperations folders,
                         Duration lifetime) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.folders = Objects.requireNonNull(folders, "folders");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("an upload lifetime must be positive: " + lifetime);
        }
        this.endpoint = CapabilityEndpoint.of(publicUrl, providerId, "upload");
    }

    /** The request path of the upload URL, {@code /ucloud/<providerId>/upload}; where to mount the handlers. */
    public String uploadPath() {
        return endpoint.path();
    }

    /**
     * An upload URL for {@code item} on {@code drive} (the drive Core resolved, already mapped to this user's
     * local root), for {@code ucloudUser} (the verified user of the call). Throws ApiException: 400 for a bad
     * type, policy, path, or no protocol in common; 403 for another drive, a path leading out of the drive or a
     * folder the user cannot write; 404 for a missing folder; 409 for a taken name under REJECT (or a folder where
     * a file should go); 429 when too many tokens are open.
     */
    public CreateUploadResponseItem createUpload(DriveRoot drive, CreateUploadRequestItem item, String ucloudUser) {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(item, "item");
        if (ucloudUser == null || ucloudUser.isEmpty()) {
            throw new IllegalArgumentException("an upload is created for a user");
        }
        UploadKind kind = UploadKind.of(item.type());
        ConflictPolicy policy = ConflictPolicy.of(item.conflictPolicy());
        UploadProtocol protocol = UploadProtocol.choose(kind, item.supportedProtocols());
        UploadTargets.Target target = switch (kind) {
            case FILE -> UploadTargets.file(drive, item.id(), policy);
            case FOLDER -> UploadTargets.folder(drive, item.id(), policy, folders);
        };
        var terms = new UploadTerms(drive, kind, target.policy(), newUploadId());
        var capability = new Capability(ucloudUser, target.ucloudPath(), target.local(), Operation.UPLOAD,
                clock.instant().plus(lifetime), terms);
        String token = tokens.issue(capability);
        return new CreateUploadResponseItem(endpoint.url(token, ucloudUser), protocol.name(), token);
    }

    /**
     * The upload {@code token} grants, if it was issued here for an upload, has not expired, and every one of
     * {@code hints} (none is fine; either base64 alphabet) names its user. Otherwise ApiException 404 with one
     * text for every case, so nothing is learnt by trying.
     */
    public UploadSession redeem(String token, UsernameHints hints) {
        Capability capability = tokens.redeem(token, Operation.UPLOAD)
                .filter(c -> c.upload() != null && hints.allow(c.ucloudUser()))
                .orElseThrow(UploadService::unknownLink);
        UploadTerms terms = capability.upload();
        return new UploadSession(capability.ucloudUser(), capability.ucloudPath(), terms.drive(), capability.localFile(),
                terms.kind(), terms.policy(), terms.uploadId(), capability.expires());
    }

    /** Ends the upload {@code token} grants: it is refused from now on (WEBSOCKET_V2's CLOSE). */
    public void revoke(String token) {
        tokens.revoke(token);
    }

    /** A fresh upload id, 16 hex digits, for {@link PartialFile#create} (one per file of a folder upload). */
    public String newUploadId() {
        byte[] bytes = new byte[UPLOAD_ID_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static ApiException unknownLink() {
        return ApiException.notFound("This upload link is unknown or has expired; start the upload again from UCloud");
    }
}
