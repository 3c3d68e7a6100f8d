package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What a folder's name list depends on: the folder's identity (device and inode) and its modification and change
 * times, which the kernel moves whenever an entry is created, removed or renamed in it. Two equal stamps mean the
 * same names, with one exception handled by {@link #settledBefore}: a change within the timestamp granularity of
 * the moment the names were read might leave the times as they were.
 */
record FolderStamp(long device, long inode, FileTime modified, FileTime changed) {
    private static final String ATTRIBUTES = "unix:dev,ino,lastModifiedTime,ctime";

    /** Which folder it is, whatever its path: the key of its {@link NameIndex}. */
    record Identity(long device, long inode) {
    }

    /** The stamp of the open folder {@code folder}, read through its descriptor. */
    static FolderStamp of(DriveFolder folder) throws IOException {
        return of(folder.self());
    }

    static FolderStamp of(Path folder) throws IOException {
        Map<String, Object> a = Files.readAttributes(folder, ATTRIBUTES);
        return new FolderStamp((Long) a.get("dev"), (Long) a.get("ino"), (FileTime) a.get("lastModifiedTime"),
                (FileTime) a.get("ctime"));
    }

    Identity identity() {
        return new Identity(device, inode);
    }

    /** True if the folder last changed more than {@code marginMillis} before {@code millis} (no racy change). */
    boolean settledBefore(long millis, long marginMillis) {
        return Math.max(modified.toMillis(), changed.toMillis()) < millis - marginMillis;
    }
}
