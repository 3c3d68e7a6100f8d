package dk.sdu.im.user.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The folders one file call opened by descriptor ({@link DriveFolder}), closed together. The call holds them while
 * it checks and plans, and closes them if it ends there (a refusal); otherwise its work takes them over with
 * {@link #handOver} and closes them when it ends, in the background if need be. Used by the calling thread, then by
 * the work's thread only (starting the work hands them on).
 */
final class OpenFolders implements AutoCloseable {
    private final List<DriveFolder> folders = new ArrayList<>();
    private boolean handedOver;

    /** Takes the folder of {@code slot} into this set; returns the slot. */
    Slot add(Slot slot) {
        add(slot.folder());
        return slot;
    }

    /** Takes {@code folder} into this set; returns it. */
    DriveFolder add(DriveFolder folder) {
        folders.add(folder);
        return folder;
    }

    /** {@code job}, which closes these folders when it ends; from now on, closing this set does nothing. */
    BackgroundWork.Job handOver(BackgroundWork.Job job) {
        handedOver = true;
        List<DriveFolder> held = List.copyOf(folders);
        return progress -> {
            try {
                return job.run(progress);
            } finally {
                held.forEach(DriveFolder::close);
            }
        };
    }

    @Override
    public void close() {
        if (!handedOver) {
            folders.forEach(DriveFolder::close);
        }
    }
}
