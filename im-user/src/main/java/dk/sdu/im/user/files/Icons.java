package dk.sdu.im.user.files;

/**
 * The {@code status.icon} of a listed file (contract 5.3): DIRECTORY_TRASH for the drive's trash folder
 * ({@link Trash}), empty for everything else.
 */
final class Icons {
    static final String NONE = "";
    static final String TRASH = "DIRECTORY_TRASH";

    private Icons() {
    }

    static String of(String driveId, String id, boolean directory) {
        return directory && id.equals(Trash.path(driveId).toString()) ? TRASH : NONE;
    }
}
