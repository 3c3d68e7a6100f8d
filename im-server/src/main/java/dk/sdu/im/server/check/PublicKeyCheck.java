package dk.sdu.im.server.check;

import dk.sdu.im.api.auth.UCloudPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * UCloud's public key ({@code core.publicKeyFile}): it must parse as IM/Server and every instance parse it, and every
 * user must be able to read it, since each user's instance reads it as that user. Who may change it is the install
 * check's part (it is a launch input).
 */
final class PublicKeyCheck {
    private PublicKeyCheck() {
    }

    static void check(Path file, Findings findings) {
        try {
            UCloudPublicKey.load(file);
        } catch (UCloudPublicKey.InvalidKeyFile invalid) {
            findings.problem(invalid.getMessage());
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                findings.problem(file + ": UCloud's public key is not readable by everyone, but every user's instance reads"
                        + " it as that user; run: chmod 644 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            findings.note(file + ": cannot see who may read UCloud's public key (" + e.getMessage() + ")");
        }
    }
}
