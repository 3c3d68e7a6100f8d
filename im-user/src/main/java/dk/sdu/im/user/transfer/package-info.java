/**
 * Transfers between the browser and the user's files: capability tokens and downloads (contract 3.4.5 and
 * 6.4). {@link dk.sdu.im.user.transfer.CreateDownloadCall} answers Core's {@code files/download} with a URL from
 * {@link dk.sdu.im.user.transfer.DownloadService}; the browser then GETs that URL, without credentials, and
 * {@link dk.sdu.im.user.transfer.DownloadEndpoint} (a thin adapter around the server-independent
 * {@link dk.sdu.im.user.transfer.DownloadResponder}, on IM/User's listener) sends the file with sendfile, with
 * Range support.
 *
 * <p>Privilege: runs inside IM/User, as the end user's own Unix account; the kernel's permission checks are the
 * privilege boundary. What this package adds: a download URL is a bearer secret of 256 random bits
 * ({@link dk.sdu.im.user.transfer.CapabilityTokens}), bound to one user, one file and one operation, expiring,
 * looked up in constant time, and known only to this instance (DESIGN 4.7); the file is confined to its drive
 * when the token is issued ({@link dk.sdu.im.user.files.PathResolver}) and re-opened without following
 * symlinks when it is used, so nothing swapped in between can lead out of the drive (DESIGN 4.8).
 *
 * <p>Touches: the file system, read-only, as the user; memory for the live tokens (bounded). No IPC. Files go
 * from the page cache to the socket (sendfile), never loaded into memory. Error texts name UCloud paths only.
 */
package dk.sdu.im.user.transfer;
