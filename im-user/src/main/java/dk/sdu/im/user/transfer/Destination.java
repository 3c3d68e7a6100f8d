package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.DriveRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one uploaded file goes: {@code directory}, a real folder inside {@code drive} (reached again without
 * following links whenever it is used, {@link ConfinedDirectory}), the file's {@code name} there, the folder's
 * UCloud path for replies and errors, and the {@link ConflictPolicy} applied when the file is committed
 * ({@link PartialFile#commit}). Made by {@link UploadSession#destination}.
 */
public record Destination(DriveRoot drive, Path directory, String directoryPath, String name, ConflictPolicy policy) {
    public Destination {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(directoryPath, "directoryPath");
        Objects.requireNonNull(policy, "policy");
        if (!directory.isAbsolute() || !directory.startsWith(drive.root())) {
            throw new IllegalArgumentException("a destination folder lies inside its drive: " + directory);
        }
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a file name: " + name);
        }
    }

    /** The UCloud path of the file under its intended name (RENAME may choose another when it is committed). */
    public String ucloudPath() {
        return directoryPath + "/" + name;
    }

    /**
     * What is at the file's name now, by lstat in the confined folder (a link is not followed); empty when
     * nothing is. For a protocol that skips files already present (WEBSOCKET_V2's SKIP). ApiException like
     * {@link PartialFile} when the folder cannot be reached.
     */
    public Optional<BasicFileAttributes> existing() {
        try (ConfinedDirectory folder = ConfinedDirectory.open(drive, directory)) {
            return folder.lstat(name);
        } catch (ConfinedDirectory.InTheWay e) {
            throw ApiException.of(409, "The folder to upload into was replaced: " + directoryPath, null);
        } catch (IOException e) {
            throw UploadErrors.of(e, ucloudPath());
        }
    }
}
