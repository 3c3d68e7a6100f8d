package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A place for one entry: its UCloud path, the open folder it is in ({@link DriveFolder}, reached by descriptor),
 * and its name there. The entry itself may be missing (a destination) or a symlink (taken as the link itself).
 * Built by {@link PathResolver#slot} or {@link DriveFolder#slot}; {@link #renamed} keeps the folder and changes the
 * name. The slot does not own its folder: whoever opened the folder closes it.
 */
record Slot(UCloudPath path, DriveFolder folder, String name) {
    /** The entry, for calls that do not follow its last name ({@link DriveFolder#entry}). */
    Path local() {
        return folder.entry(name);
    }

    /** Where the entry was when its folder was opened, for comparing places only ({@link DriveFolder#lexical}). */
    Path lexical() {
        return folder.lexical().resolve(FileName.parse(name).path());
    }

    Slot renamed(String newName) {
        return new Slot(path.parent().resolve(newName), folder, newName);
    }

    /** The entry, which must be a folder, opened by descriptor without following a link; the caller closes it. */
    DriveFolder open() throws IOException {
        return folder.folder(name);
    }
}
