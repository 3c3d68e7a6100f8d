package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/**
 * What kind of failure an IOException from the file system is: the one place that knows the JDK's exception types
 * and, for the errors the JDK has no type for, the text glibc's strerror gives them (passed on as a plain
 * IOException or as a FileSystemException's reason). Each caller maps kinds to its own reply: file calls answer
 * Core, uploads answer the browser, downloads a link. Another libc or locale makes such errors {@link #OTHER},
 * which every caller treats as the safe 500.
 */
public enum IoFailure {
    /** A file of that name exists (the JDK's FileAlreadyExistsException). */
    EXISTS,
    /** A folder to replace or remove still has entries. */
    NOT_EMPTY,
    /** ENOENT. */
    NO_SUCH_FILE,
    /** EACCES, or EPERM ("Operation not permitted"). */
    DENIED,
    /** The JDK's NotDirectoryException: a folder operation met a file. */
    NOT_DIRECTORY,
    /** ENOTDIR or ELOOP on the way: a folder on the path was replaced by a file or a symlink. */
    UNREACHABLE,
    /** ENOSPC. */
    NO_SPACE,
    /** EDQUOT. */
    QUOTA,
    /** ETXTBSY or EBUSY: in use by a running program. */
    BUSY,
    /** EROFS. */
    READ_ONLY,
    /** ENAMETOOLONG. */
    NAME_TOO_LONG,
    /** EISDIR: a file operation met a folder. */
    IS_DIRECTORY,
    /** Anything else: the caller logs it and answers 500. */
    OTHER;

    private record Text(String prefix, IoFailure kind) {
    }

    /** glibc's strerror texts; the JDK adds clauses after some of them (e.g. toRealPath after ELOOP). */
    private static final List<Text> TEXTS = List.of(
            new Text("No space left on device", NO_SPACE),
            new Text("Disk quota exceeded", QUOTA),
            new Text("Text file busy", BUSY),
            new Text("Device or resource busy", BUSY),
            new Text("Read-only file system", READ_ONLY),
            new Text("Permission denied", DENIED),
            new Text("Operation not permitted", DENIED),
            new Text("File name too long", NAME_TOO_LONG),
            new Text("Is a directory", IS_DIRECTORY),
            new Text("Not a directory", UNREACHABLE),
            new Text("Too many levels of symbolic links", UNREACHABLE));

    public static IoFailure of(IOException e) {
        IoFailure byType = switch (e) {
            case FileAlreadyExistsException _ -> EXISTS;
            case DirectoryNotEmptyException _ -> NOT_EMPTY;
            case NoSuchFileException _ -> NO_SUCH_FILE;
            case AccessDeniedException _ -> DENIED;
            case NotDirectoryException _ -> NOT_DIRECTORY;
            default -> OTHER;
        };
        if (byType != OTHER) {
            return byType;
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null) {
            return OTHER;
        }
        return TEXTS.stream().filter(text -> reason.startsWith(text.prefix())).map(Text::kind).findFirst().orElse(OTHER);
    }

    /** A full disk or quota. */
    public boolean full() {
        return this == NO_SPACE || this == QUOTA;
    }
}
