package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a local entry is by its own lstat: a symlink is a LINK whatever it points to. */
enum Kind {
    MISSING, FILE, DIRECTORY, LINK, OTHER;

    static Kind of(Path entry) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
        if (a.isSymbolicLink()) {
            return LINK;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        return a.isRegularFile() ? FILE : OTHER;
    }

    boolean exists() {
        return this != MISSING;
    }
}
