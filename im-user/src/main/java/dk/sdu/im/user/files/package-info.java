/**
 * The file-listing core of IM/User: browse and retrieve (contract 3.4.1 and 3.4.2) on one of the user's
 * drives. {@link dk.sdu.im.user.files.FileBrowser} is the entry point, {@link dk.sdu.im.user.files.DriveRoot}
 * names a drive and its local directory, and {@link dk.sdu.im.user.files.PathResolver} is the one place that
 * turns a UCloud path into a local one.
 *
 * <p>Privilege: runs inside IM/User, as the end user's own Unix account, so the kernel's permission checks
 * are the privilege boundary and nothing here can read what the user could not read from a shell. What this
 * package adds is confinement (DESIGN 4.8): every path comes from UCloud and is untrusted, and it is mapped
 * into exactly one drive root; {@code ..}, other drives, control characters and symlinks that lead out of the
 * drive are refused. A symlink swapped between the check and the use can still redirect one read; only someone
 * with write access to that directory can do that, and the read still happens with the user's permissions.
 *
 * <p>Touches: the file system, read-only, as the user. No network, no IPC, no state kept between calls:
 * {@code FileBrowser} and {@code PathResolver} are safe to share between request threads. Error texts
 * ({@code why}) name UCloud paths only, never local ones; local details go to the log.
 *
 * <p>File names are bytes, and the JVM decodes them with the locale's charset ({@code sun.jnu.encoding}), so
 * IM/User must run under a UTF-8 locale ({@code LC_ALL=C.UTF-8}); otherwise non-ASCII names cannot be served.
 * A name that is not valid UTF-8 is listed with replacement characters and cannot be opened by that id.
 */
package dk.sdu.im.user.files;
