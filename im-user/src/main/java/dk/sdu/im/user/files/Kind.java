package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;

/** What an entry is by its own lstat: a symlink is a LINK whatever it points to. */
enum Kind {
    MISSING, FILE, DIRECTORY, LINK, OTHER;

    /** The kind of the entry {@code slot}, read in its open folder. */
    static Kind of(Slot slot) throws IOException {
        return of(slot.folder(), slot.name());
    }

    /** The kind of the entry {@code name} of {@code folder}. */
    static Kind of(DriveFolder folder, String name) throws IOException {
        BasicFileAttributes a;
        try {
            a = folder.attributes(name);
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
