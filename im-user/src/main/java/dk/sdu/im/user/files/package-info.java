/**
 * The file core of IM/User on the user's drives: browse and retrieve (contract 3.4.1 and 3.4.2) through
 * {@link dk.sdu.im.user.files.FileBrowser}, and the calls that change files (3.4.3: createFolder, move, copy,
 * trash, emptyTrash, permanent delete) through {@link dk.sdu.im.user.files.FileOperations}, or
 * {@link dk.sdu.im.user.files.FileCalls} for Core's bulk requests. {@link dk.sdu.im.user.files.DriveRoot} names a
 * drive and its local directory, and {@link dk.sdu.im.user.files.PathResolver} is the one place that turns a
 * UCloud path into a local one. Work that outlives a call's time budget (decision 8) goes on in the background
 * and reports through a {@link dk.sdu.im.user.files.TaskReporter}, which the process implements over IPC.
 *
 * <p>Privilege: runs inside IM/User, as the end user's own Unix account, so the kernel's permission checks
 * are the privilege boundary and nothing here can read what the user could not read from a shell. What this
 * package adds is confinement (DESIGN 4.8): every path comes from UCloud and is untrusted, and it is mapped
 * into exactly one drive root; {@code ..}, other drives, control characters and symlinks that lead out of the
 * drive are refused. A symlink swapped between the check and the use can still redirect one read; only someone
 * with write access to that directory can do that, and the read still happens with the user's permissions.
 *
 * <p>Touches: the file system, as the user: listings only read; the calls that change files write inside the
 * drive roots only, never through a symlink (a link is moved, copied or deleted as the link itself; deletes go
 * through openat/unlinkat where the platform has them), and they name their unfinished work
 * {@code .ucloud-partial-*} or {@code .ucloud-replaced-*} in the destination folder until it is complete. No
 * network, no IPC; no state kept between calls except the background work still running: {@code FileBrowser},
 * {@code FileOperations} and {@code PathResolver} are safe to share between request threads. Background work runs
 * on virtual threads and dies with the process (its hidden partial copies then stay behind). Error texts
 * ({@code why}) name UCloud paths only, never local ones; local details go to the log.
 *
 * <p>File names are bytes, and the JVM decodes them with the locale's charset ({@code sun.jnu.encoding}), so
 * IM/User must run under a UTF-8 locale ({@code LC_ALL=C.UTF-8}); otherwise non-ASCII names cannot be served.
 * A name that is not valid UTF-8 is listed with replacement characters and cannot be opened by that id.
 */
package dk.sdu.im.user.files;
