package dk.sdu.im.user.files;

import dk.sdu.im.api.wire.Files.FileStatus;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a listing shows of one local file: one lstat, plus one on the target of a symlink.
 *
 * <p>Symlinks: one that stays inside the drive is shown as what it points to, under the link's own name (a
 * folder can be opened through it, and {@link PathResolver} allows that). One that leads outside the drive,
 * dangles or loops is shown as a FILE of size 0 with the link's own times, mode and owner: the listing does not
 * hide it, and tells nothing about what lies outside. Sort keys follow the same rule, so the order matches
 * what is shown.
 */
final class FileDescriber {
    private static final String ATTRIBUTES =
            "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime,creationTime,isDirectory,isSymbolicLink";
    private static final int PERMISSION_BITS = 0777;

    private final PathResolver resolver;
    private final Fields fields;

    FileDescriber(PathResolver resolver, Fields fields) {
        this.resolver = resolver;
        this.fields = fields;
    }

    /** The ProviderFile of {@code local} under the UCloud id {@code id}; null if the file vanished meanwhile. */
    ProviderFile describe(Path local, String id) throws IOException {
        try {
            Map<String, Object> own = Files.readAttributes(local, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            if (!flag(own, "isSymbolicLink")) {
                return file(id, own, flag(own, "isDirectory"), (Long) own.get("size"));
            }
            Optional<Path> target = resolver.followInside(local);
            if (target.isEmpty()) {
                return file(id, own, false, 0L);
            }
            Map<String, Object> shown = Files.readAttributes(target.get(), ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return file(id, shown, flag(shown, "isDirectory"), (Long) shown.get("size"));
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    /** The sort key of {@code entry} as {@link #describe} would show it; null if the file vanished meanwhile. */
    Long sortKey(Path entry, Ordering.SortKey by) throws IOException {
        try {
            BasicFileAttributes own = basic(entry);
            if (!own.isSymbolicLink()) {
                return key(own, by, own.size());
            }
            Optional<Path> target = resolver.followInside(entry);
            if (target.isEmpty()) {
                return key(own, by, 0L);
            }
            BasicFileAttributes shown = basic(target.get());
            return key(shown, by, shown.size());
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    private static BasicFileAttributes basic(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static long key(BasicFileAttributes attributes, Ordering.SortKey by, long size) {
        return by == Ordering.SortKey.SIZE ? size : attributes.lastModifiedTime().toMillis();
    }

    private ProviderFile file(String id, Map<String, Object> a, boolean directory, long size) {
        Long createdAt = fields.timestamps() ? millis(a, "creationTime") : null;
        var status = new FileStatus(directory ? "DIRECTORY" : "FILE",
                Icons.of(resolver.drive().driveId(), id, directory), fields.sizes() ? size : null,
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
