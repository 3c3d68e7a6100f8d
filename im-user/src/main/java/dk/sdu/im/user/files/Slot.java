package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A place for one entry: its UCloud path, the real local path of the folder it is in (inside the drive), and
 * its name there. The entry itself may be missing (a destination) or a symlink (taken as the link itself).
 * Built by {@link PathResolver#slot}; {@link #renamed} keeps the folder and changes the name.
 */
record Slot(UCloudPath path, Path folder, String name) {
    Path local() {
        return folder.resolve(name);
    }

    Slot renamed(String newName) {
        return new Slot(path.parent().resolve(newName), folder, newName);
    }

    /** The entry {@code name} inside this one (which is then a folder). */
    Slot child(String childName) {
        return new Slot(path.resolve(childName), local(), childName);
    }

    /** The names in this folder, read at once (the caller then changes the folder); errors name this path. */
    List<String> childNames() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(local())) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException e) {
            throw FileErrors.ofChange(e, path);
        } catch (DirectoryIteratorException e) {
            throw FileErrors.ofChange(e.getCause(), path);
        }
        return names;
    }
}
