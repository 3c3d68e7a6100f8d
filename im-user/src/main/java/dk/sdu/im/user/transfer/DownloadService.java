package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Transfers.CreateDownloadResponseItem;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.IoFailure;
import dk.sdu.im.user.files.PathResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Downloads (contract 3.4.5 and 6.4): {@link #createDownload} checks the file and hands out a capability URL;
 * {@link DownloadEndpoint} serves that URL to the browser.
 *
 * <p>The URL is {@code <publicUrl>/ucloud/<providerId>/download?token=<t>}, the token alone, as the Go module hands
 * it out (decision 4): the frontend appends {@code &usernameHint=<base64(user)>} to every download endpoint it gets
 * ({@code normalizeDownloadEndpoint}), and the gateway routes by that hint to this user's instance, the only one
 * that knows the token. A URL that names the user more than once is served when every hint names the token's user
 * ({@link UsernameHints}). The token is bound to the user, the file and {@link Operation#DOWNLOAD}, and can be
 * reused until it expires ({@code lifetime}, 10 minutes by default), so the browser can resume with Range requests.
 *
 * <p>The file is found inside the drive with {@link PathResolver} when the token is issued (walked by descriptor,
 * no link followed, its type and the user's read access checked on the file itself). When the URL is used, that
 * same path is opened again without following any symlink ({@link ConfinedFile}), so a symlink swapped in since
 * leads nowhere; a file replaced by another regular file at the same path is served.
 *
 * <p>Runs inside IM/User, as the user; thread-safe.
 */
public final class DownloadService {
    /** How long a download URL works when nothing else is configured. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_DRIVES = 1_000;
    private static final Logger LOG = Logger.getLogger(DownloadService.class.getName());

    private final CapabilityTokens tokens;
    private final Clock clock;
    private final CapabilityEndpoint endpoint;
    private final Duration lifetime;
    /** The drives tokens were issued for, by id, so a download re-opens its file from the drive's root. */
    private final ConcurrentMap<String, DriveRoot> drives = new ConcurrentHashMap<>();

    public DownloadService(CapabilityTokens tokens, Clock clock, URI publicUrl, String providerId) {
        this(tokens, clock, publicUrl, providerId, DEFAULT_LIFETIME);
    }

    /**
     * @param publicUrl where browsers reach this provider (the gateway): an absolute http or https URL, as in
     *     {@code provider.publicUrl}; a trailing {@code /} is ignored
     * @param providerId the provider id, which appears in the path {@code /ucloud/<providerId>/download}
     * @param lifetime how long a download URL works; positive
     */
    public DownloadService(CapabilityTokens tokens, Clock clock, URI publicUrl, String providerId, Duration lifetime) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a download lifetime must be positive: " + lifetime);
        }
        this.endpoint = CapabilityEndpoint.of(publicUrl, providerId, "download");
    }

    /** The request path the download URL has, {@code /ucloud/<providerId>/download}; where to mount the handler. */
    public String downloadPath() {
        return endpoint.path();
    }

    /**
     * A download URL for the file at {@code ucloudPath} on {@code drive}, for {@code ucloudUser} (the verified
     * user of the call). Throws ApiException: 400 for a bad path, a folder or anything but a regular file; 403
     * for another drive, a path leading out of the drive or a file the user cannot read; 404 if it does not
     * exist; 429 when too many tokens are open.
     */
    public CreateDownloadResponseItem createDownload(DriveRoot drive, String ucloudPath, String ucloudUser) {
        Objects.requireNonNull(drive, "drive");
        if (ucloudUser == null || ucloudUser.isEmpty()) {
            throw new IllegalArgumentException("a download is created for a user");
        }
        PathResolver.Found file = new PathResolver(drive).find(ucloudPath);
        checkDownloadable(file);
        remember(drive);
        var capability = new Capability(ucloudUser, file.ucloudPath(), file.local(), Operation.DOWNLOAD,
                clock.instant().plus(lifetime));
        return new CreateDownloadResponseItem(endpoint.url(tokens.issue(capability)));
    }

    /**
     * Redeems {@code token} and opens its file for reading. Throws ApiException 404 for an unknown, expired or
     * foreign token, or hints naming another user (one text for all), or for a file that is gone or is no longer a regular file at the same
     * real path; 403 if the user may no longer read it.
     */
    ServedFile open(String token, UsernameHints hints) {
        Capability capability = tokens.redeem(token, Operation.DOWNLOAD)
                .filter(c -> hints.allow(c.ucloudUser()))
                .orElseThrow(DownloadService::unknownLink);
        DriveRoot drive = drives.get(driveId(capability.ucloudPath()));
        if (drive == null || !capability.localFile().startsWith(drive.root())) {
            throw gone(capability.ucloudPath());
        }
        try {
            return new ServedFile(capability, ConfinedFile.open(drive.root(), capability.localFile()));
        } catch (IOException e) {
            throw openFailed(e, capability.ucloudPath());
        }
    }

    /** A redeemed capability and its open file; closing it closes the file. */
    record ServedFile(Capability capability, ConfinedFile.Opened file) implements AutoCloseable {
        String name() {
            String path = capability.ucloudPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static void checkDownloadable(PathResolver.Found file) {
        String shown = file.ucloudPath();
        BasicFileAttributes attributes = file.attributes();
        if (attributes.isDirectory()) {
            throw ApiException.badRequest("Directories cannot be downloaded; download the files inside it instead: " + shown);
        }
        if (!attributes.isRegularFile()) {
            throw ApiException.badRequest("Only regular files can be downloaded: " + shown);
        }
        if (!file.readable()) {
            throw ApiException.forbidden("Permission denied: " + shown);
        }
    }

    private void remember(DriveRoot drive) {
        if (drives.size() >= MAX_DRIVES && !drives.containsKey(drive.driveId())) {
            throw ApiException.of(429, "Downloads are open on too many drives at once (at most " + MAX_DRIVES + ")", null);
        }
        // A drive id whose root changed makes the older tokens fail closed: their files are not under the new root.
        drives.put(drive.driveId(), drive);
    }

    private static String driveId(String ucloudPath) {
        int end = ucloudPath.indexOf('/', 1);
        return end < 0 ? ucloudPath.substring(1) : ucloudPath.substring(1, end);
    }

    static ApiException unknownLink() {
        return ApiException.notFound("This download link is unknown or has expired; start the download again from UCloud");
    }

    private static ApiException gone(String shown) {
        return ApiException.notFound("No longer available for download: " + shown);
    }

    private static ApiException openFailed(IOException e, String shown) {
        if (e instanceof ConfinedFile.NotRegularFile) {
            return gone(shown);
        }
        return switch (IoFailure.of(e)) {
            case DENIED -> ApiException.forbidden("Permission denied: " + shown);
            case NO_SUCH_FILE, UNREACHABLE -> gone(shown);
            default -> {
                LOG.log(Level.WARNING, "download of " + shown + " failed", e);
                yield ApiException.of(500, "Could not read " + shown, null);
            }
        };
    }
}
