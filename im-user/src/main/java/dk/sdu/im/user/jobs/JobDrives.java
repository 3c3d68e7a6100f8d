package dk.sdu.im.user.jobs;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.PathResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This user's drives by UCloud id, for the paths inside jobs (file parameters, the output folder), which name a drive
 * only by its id. The ids come from IM/Server, which registered the drives; each id maps to the root its configured
 * locator gives for this instance's own user, so a path can only ever name this user's own drives. Asked once per
 * instance, again when an id is not known.
 */
final class JobDrives {
    /** The drive ids IM/Server knows, by locator name. */
    interface Source {
        Map<String, String> idsByLocator() throws IOException;
    }

    private final Source source;
    private final List<DriveLocator> locators;
    private final Supplier<String> localUser;
    private final Path home;
    private volatile Map<String, String> ids = Map.of();

    JobDrives(Source source, List<DriveLocator> locators, Supplier<String> localUser, Path home) {
        this.source = source;
        this.locators = List.copyOf(locators);
        this.localUser = localUser;
        this.home = home;
    }

    /** The drive of locator {@code name}, where job folders go. */
    DriveRoot byLocator(String name) {
        String id = Optional.ofNullable(ids.get(name)).orElseGet(() -> refresh().get(name));
        if (id == null) {
            throw ApiException.unavailable("Your drives are not registered at UCloud yet; try again in a moment", null);
        }
        return root(id, name);
    }

    /** The drive with UCloud id {@code id}, if it is one of this user's. */
    Optional<DriveRoot> byId(String id) {
        Optional<String> locator = locatorOf(id);
        if (locator.isEmpty()) {
            refresh();
            locator = locatorOf(id);
        }
        return locator.map(name -> root(id, name));
    }

    /** The local path of an existing entry named by a UCloud path, confined to its drive like every file call. */
    Path local(String ucloudPath) {
        String id = driveIdOf(ucloudPath);
        DriveRoot drive = byId(id).orElseThrow(() -> ApiException.forbidden("Not one of your drives: " + ucloudPath));
        return new PathResolver(drive).find(ucloudPath).local();
    }

    /** {@link #local} as text, for a job's file parameters ({@link dk.sdu.im.compute.script.FileResolver}). */
    String localPath(String ucloudPath) {
        return local(ucloudPath).toString();
    }

    private static String driveIdOf(String ucloudPath) {
        int end = ucloudPath.indexOf('/', 1);
        if (!ucloudPath.startsWith("/") || ucloudPath.length() < 2) {
            throw ApiException.badRequest("Not a UCloud path: " + ucloudPath);
        }
        return end < 0 ? ucloudPath.substring(1) : ucloudPath.substring(1, end);
    }

    private Optional<String> locatorOf(String id) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
    }

    private DriveRoot root(String id, String locatorName) {
        DriveLocator locator = locators.stream().filter(l -> l.name().equals(locatorName)).findFirst()
                .orElseThrow(() -> ApiException.forbidden("Not one of your drives: /" + id));
        try {
            return DriveRoot.of(id, locator.rootFor(localUser.get(), home));
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.notFound("This drive is not available: /" + id);
        }
    }

    private Map<String, String> refresh() {
        try {
            ids = Map.copyOf(source.idsByLocator());
        } catch (IOException e) {
            throw ApiException.unavailable("The provider cannot list your drives now; try again", e);
        }
        return ids;
    }
}
