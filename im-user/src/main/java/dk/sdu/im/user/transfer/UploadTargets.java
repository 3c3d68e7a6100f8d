package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.user.files.PathResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, when an upload is created, what it will write (contract 3.4.4): the UCloud path, the real local path
 * and the conflict policy its token is bound to. Paths are untrusted and confined by {@link PathResolver}, which
 * walks them by descriptor and follows no link: 400 bad syntax or the drive itself, 403 another drive or a symbolic
 * link on the way, 404 a missing folder. Taken names are looked up in the folder by descriptor too
 * ({@link ConfinedDirectory}).
 *
 * <p>FILE: the folder must exist inside the drive and be writable (403 otherwise). Under RENAME (and MERGE_RENAME,
 * which for a file means RENAME) a taken name is replaced now by the first free one, {@code name(1).ext}, as the
 * Go module does; REJECT refuses a taken name with 409 now (and again when the file is committed); REPLACE keeps
 * the name and replaces what is there on completion. A folder of that name is never replaced by a file (409),
 * except that RENAME picks a free name beside it. Nothing is created: the file appears when complete.
 *
 * <p>FOLDER: the folder is made now with {@link FileOperations#createFolder}'s rules, so the token is bound to a
 * real folder: RENAME makes {@code name(1)} when the name is taken; REJECT refuses an existing one (409);
 * MERGE_RENAME uploads into an existing folder (a file of that name makes it RENAME); REPLACE also uploads into an
 * existing folder, merging rather than deleting what it holds (a file or link of that name is replaced by the
 * new folder). An upload that is never used leaves its (empty) folder behind.
 */
final class UploadTargets {
    private UploadTargets() {
    }

    /** What an upload writes: UCloud path, real local path, and the policy as resolved here. */
    record Target(String ucloudPath, Path local, ConflictPolicy policy) {
        Target {
            Objects.requireNonNull(ucloudPath, "ucloudPath");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(policy, "policy");
        }
    }

    static Target file(DriveRoot drive, String id, ConflictPolicy policy) {
        if (id == null || id.isEmpty()) {
            throw ApiException.badRequest("A path is required");
        }
        String path = id.length() > 1 && id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            throw ApiException.badRequest("Name a file inside the drive, not the drive itself: " + id);
        }
        String name = RelativePath.name(path.substring(slash + 1));
        PathResolver.Found folder = new PathResolver(drive).find(path.substring(0, slash));
        String shownFolder = folder.ucloudPath();
        if (!folder.attributes().isDirectory()) {
            throw ApiException.badRequest("Not a directory: " + shownFolder);
        }
        if (!folder.writable()) {
            throw ApiException.forbidden("Permission denied: " + shownFolder);
        }
        ConflictPolicy resolved = policy == ConflictPolicy.MERGE_RENAME ? ConflictPolicy.RENAME : policy;
        String chosen = chooseName(drive, folder.local(), name, shownFolder, resolved);
        return new Target(shownFolder + "/" + chosen, folder.local().resolve(chosen), resolved);
    }

    static Target folder(DriveRoot drive, String id, ConflictPolicy policy, FileOperations folders) {
        String created = folders.createFolder(drive, id, policy).id();
        PathResolver.Found folder = new PathResolver(drive).find(created);
        if (!folder.attributes().isDirectory() || folder.local().equals(drive.root())) {
            throw ApiException.of(409, "The folder to upload into was replaced: " + created, null);
        }
        return new Target(folder.ucloudPath(), folder.local(), policy);
    }

    /** The name to write in the folder at {@code folder}, looked up through a {@link ConfinedDirectory} there. */
    private static String chooseName(DriveRoot drive, Path folder, String name, String shownFolder,
                                     ConflictPolicy policy) {
        String shown = shownFolder + "/" + name;
        try (ConfinedDirectory directory = ConfinedDirectory.open(drive, folder)) {
            Optional<BasicFileAttributes> existing = directory.lstat(name);
            if (existing.isEmpty()) {
                return name;
            }
            return switch (policy) {
                case RENAME, MERGE_RENAME -> FreeNames.free(name, n -> directory.lstat(n).isPresent(), shownFolder);
                case REJECT -> throw ApiException.of(409, (existing.get().isDirectory() ? "A folder" : "A file")
                        + " already exists at " + shown, null);
                case REPLACE -> {
                    if (existing.get().isDirectory()) {
                        throw ApiException.of(409, "A folder exists at " + shown + "; a file cannot replace it", null);
                    }
                    yield name;
                }
            };
        } catch (ConfinedDirectory.InTheWay e) {
            throw ApiException.of(409, "The folder to upload into was replaced: " + shownFolder, null);
        } catch (IOException e) {
            throw UploadErrors.of(e, shown);
        }
    }
}
