package dk.sdu.im.user;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.user.files.DriveRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps the drive Core resolved for a call to a local root, accepting only this instance's own drives. IM/Server
 * registers each drive with {@code providerGeneratedId = "<locator> <ucloud user>\n<root>"}; the root in a
 * request must be exactly what the configured locator gives for this instance's own user, so a drive that names
 * anything else is refused whatever the request says.
 */
final class UserDrives {
    private final List<DriveLocator> locators;
    private final Supplier<String> localUser;
    private final Path home;
    /** Drives seen in resolved requests, for calls that carry only a drive id (permanent delete). */
    private final java.util.Map<String, DriveRoot> seen = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param localUser the local account IM/Server assigned (read when a call arrives, after assignment) */
    UserDrives(List<DriveLocator> locators, Supplier<String> localUser, Path home) {
        this.locators = List.copyOf(locators);
        this.localUser = localUser;
        this.home = home;
    }

    DriveRoot resolve(Files.Drive drive) {
        if (drive == null || drive.id() == null || drive.providerGeneratedId() == null) {
            throw ApiException.badRequest("The request has no resolvedCollection");
        }
        String generated = drive.providerGeneratedId();
        int space = generated.indexOf(' ');
        int newline = generated.lastIndexOf('\n');
        if (space < 0 || newline < space) {
            throw ApiException.forbidden("Not one of your drives: /" + drive.id());
        }
        String name = generated.substring(0, space);
        Path root = Path.of(generated.substring(newline + 1));
        Path expected = locators.stream().filter(l -> l.name().equals(name)).findFirst()
                .map(l -> l.rootFor(localUser.get(), home))
                .orElseThrow(() -> ApiException.forbidden("Not one of your drives: /" + drive.id()));
        if (!root.equals(expected)) {
            throw ApiException.forbidden("Not one of your drives: /" + drive.id());
        }
        try {
            DriveRoot resolved = DriveRoot.of(drive.id(), expected);
            seen.put(drive.id(), resolved);
            return resolved;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.notFound("This drive is not available: /" + drive.id());
        }
    }

    /**
     * A drive known by id and product category only (streamingSearch carries no resolved drive): one seen before,
     * else the one locator of this category, which names this user's own directory whatever the id.
     */
    DriveRoot byIdInCategory(String driveId, String category) {
        DriveRoot root = seen.get(driveId);
        if (root != null) {
            return root;
        }
        var candidates = locators.stream().filter(l -> l.product().equals(category)).toList();
        if (candidates.size() != 1) {
            return byId(driveId);
        }
        try {
            DriveRoot resolved = DriveRoot.of(driveId, candidates.getFirst().rootFor(localUser.get(), home));
            seen.put(driveId, resolved);
            return resolved;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.notFound("This drive is not available: /" + driveId);
        }
    }

    /** A drive known only by id: one this instance has already resolved for a call. */
    private DriveRoot byId(String driveId) {
        DriveRoot root = seen.get(driveId);
        if (root == null) {
            throw ApiException.notFound("Drive /" + driveId + " is not known to this instance yet; open it and try again");
        }
        return root;
    }
}
