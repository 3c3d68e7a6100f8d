package dk.sdu.im.user.files;

import dk.sdu.im.api.wire.Files.FileStatus;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Reads what a listing shows of one entry of an open folder: one lstat, relative to the folder's descriptor.
 *
 * <p>Symlinks are shown as themselves, never followed: a FILE of size 0 with the link's own times, mode and owner,
 * wherever it points (the walk does not follow links either, so it could not be opened as what it points to). The
 * listing does not hide it, and tells nothing about its target. Sort keys follow the same rule, so the order
 * matches what is shown.
 */
final class FileDescriber {
    private static final String ATTRIBUTES =
            "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime,creationTime,isDirectory,isSymbolicLink";
    private static final int PERMISSION_BITS = 0777;

    private final String driveId;
    private final Fields fields;

    FileDescriber(String driveId, Fields fields) {
        this.driveId = driveId;
        this.fields = fields;
    }

    /** The ProviderFile of the entry {@code name} of {@code folder}, under the UCloud id {@code id}; null if it vanished. */
    ProviderFile describe(DriveFolder folder, String name, String id) throws IOException {
        try {
            return describe(Files.readAttributes(folder.entry(name), ATTRIBUTES, LinkOption.NOFOLLOW_LINKS), id);
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    /** The ProviderFile of {@code folder} itself, under the UCloud id {@code id}. */
    ProviderFile describeFolder(DriveFolder folder, String id) throws IOException {
        return describe(Files.readAttributes(folder.self(), ATTRIBUTES), id);
    }

    /** The sort key of the entry as {@link #describe} would show it; null if it vanished meanwhile. */
    Long sortKey(DriveFolder folder, String name, Ordering.SortKey by) throws IOException {
        try {
            BasicFileAttributes own = folder.attributes(name);
            long size = own.isSymbolicLink() ? 0L : own.size();
            return by == Ordering.SortKey.SIZE ? size : own.lastModifiedTime().toMillis();
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    private ProviderFile describe(Map<String, Object> own, String id) {
        if (flag(own, "isSymbolicLink")) {
            return file(id, own, false, 0L);
        }
        return file(id, own, flag(own, "isDirectory"), (Long) own.get("size"));
    }

    private ProviderFile file(String id, Map<String, Object> a, boolean directory, long size) {
        Long createdAt = fields.timestamps() ? millis(a, "creationTime") : null;
        var status = new FileStatus(directory ? "DIRECTORY" : "FILE",
                Icons.of(driveId, id, directory), fields.sizes() ? size : null,
                null, null, null,
                fields.timestamps() ? millis(a, "lastModifiedTime") : null,
                fields.timestamps() ? millis(a, "lastAccessTime") : null,
                fields.unixInfo() ? (Integer) a.get("mode") & PERMISSION_BITS : null,
                fields.unixInfo() ? (Integer) a.get("uid") : null,
                fields.unixInfo() ? (Integer) a.get("gid") : null,
                null);
        return new ProviderFile(id, createdAt, status);
    }

    private static boolean flag(Map<String, Object> attributes, String name) {
        return Boolean.TRUE.equals(attributes.get(name));
    }

    private static long millis(Map<String, Object> attributes, String name) {
        return ((FileTime) attributes.get(name)).toMillis();
    }
}
