/**
 * The file core of IM/User on the user's drives: browse and retrieve (contract 3.4.1 and 3.4.2) through
 * {@link dk.sdu.im.user.files.FileBrowser}, and the calls that change files (3.4.3: createFolder, move, copy,
 * trash, emptyTrash, permanent delete) through {@link dk.sdu.im.user.files.FileOperations}, or
 * {@link dk.sdu.im.user.files.FileCalls} for Core's bulk requests. {@link dk.sdu.im.user.files.DriveRoot} names a
 * drive and its local directory, {@link dk.sdu.im.user.files.PathResolver} is the one place that turns a UCloud
 * path into a local place, and {@code DriveFolder} the one primitive every call acts through. Work that outlives a call's time budget (decision 8) goes on in the background
 * and reports through a {@link dk.sdu.im.user.files.TaskReporter}, which the process implements over IPC.
 *
 * <p>Privilege: runs inside IM/User, as the end user's own Unix account, so the kernel's permission checks
 * are the privilege boundary and nothing here can read what the user could not read from a shell. What this
 * package adds is confinement (DESIGN 4.8): every path comes from UCloud and is untrusted, and it is mapped
 * into exactly one drive root; {@code ..}, other drives, control characters and symlinks are refused. The walk is
 * done by descriptor from the drive root ({@code openat(O_PATH | O_NOFOLLOW)} per name, through FFM), and every
 * call acts relative to the folders it opened ({@code /proc/self/fd/N/<name>}), never on a path string checked
 * earlier: someone who may write a folder on the way and swaps it for a symlink during a call makes the call fail,
 * never act outside the drive. Symlinks are never followed, also not those that stay inside the drive.
 *
 * <p>Touches: the file system, as the user: listings only read; the calls that change files write inside the
 * drive roots only, never through a symlink (a link is moved, copied or deleted as the link itself), and they name their unfinished work
 * {@code .ucloud-partial-*} or {@code .ucloud-replaced-*} in the destination folder until it is complete. No
 * network, no IPC; no state kept between calls except the background work still running: {@code FileBrowser},
 * {@code FileOperations} and {@code PathResolver} are safe to share between request threads. Background work runs
 * on virtual threads and dies with the process (its hidden partial copies then stay behind). Error texts
 * ({@code why}) name UCloud paths only, never local ones; local details go to the log.
 *
 * <p>File names are bytes. {@code FileName} gives each its own text: its UTF-8, with each byte that is not valid
 * UTF-8 (and each byte of a literal U+FFFD) written as U+FFFD and two hex digits, so names round-trip byte for
 * byte and no two files share a listed name; a text that no name has is refused (400). This does not depend on
 * the locale, though IM/User runs under {@code LC_ALL=C.UTF-8} (the launcher sets it) for speed.
 *
 * <p>Platform: Linux on x86-64 or AArch64 with {@code /proc}; the JVM must allow native access
 * ({@code --enable-native-access=ALL-UNNAMED}, which the launcher passes).
 */
package dk.sdu.im.user.files;
