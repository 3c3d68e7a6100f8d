package dk.sdu.im.user;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.user.files.DriveRoot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Maps the drive Core resolved for a call to a local root. A drive's {@code providerGeneratedId} is
 * {@code "<label>\n<local root>"} (the form UCloud's own module uses); this instance accepts only its own
 * user's home directory, so a drive that names anything else is refused whatever Core sends.
 */
final class HomeDrive {
    private final Path home;

    HomeDrive(Path home) {
        this.home = home;
    }

    DriveRoot resolve(Files.Drive drive) {
        if (drive == null || drive.id() == null || drive.providerGeneratedId() == null) {
            throw ApiException.badRequest("The request has no resolvedCollection");
        }
        String generated = drive.providerGeneratedId();
        Path root = Path.of(generated.substring(generated.lastIndexOf('\n') + 1));
        if (!root.equals(home)) {
            throw ApiException.forbidden("Not one of your drives: /" + drive.id());
        }
        try {
            return DriveRoot.of(drive.id(), home);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.notFound("Your home directory is not available: /" + drive.id());
        }
    }

    /** The providerGeneratedId of a user's home drive, as IM/Server registers it. */
    static String providerGeneratedId(String ucloudUsername, Path home) {
        return "home " + ucloudUsername + "\n" + home;
    }
}
