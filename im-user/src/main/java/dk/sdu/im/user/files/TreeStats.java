package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How many entries and bytes of regular files a tree holds, for the percentages of a copy or a delete. Counted
 * by descriptor like everything else ({@link DriveFolder}): links are counted, never followed. Entries that cannot
 * be read are counted as they are met and skipped.
 */
record TreeStats(long entries, long bytes) {
    /** The tree at the entry {@code slot}. */
    static TreeStats of(Slot slot, BackgroundWork.Progress progress) {
        long[] counts = new long[2];
        count(slot.folder(), slot.name(), progress, counts);
        return new TreeStats(counts[0], counts[1]);
    }

    private static void count(DriveFolder folder, String name, BackgroundWork.Progress progress, long[] counts) {
        progress.checkpoint();
        counts[0]++;
        BasicFileAttributes attributes;
        try {
            attributes = folder.attributes(name);
        } catch (IOException e) {
            return;
        }
        if (attributes.isRegularFile()) {
            counts[1] += attributes.size();
        } else if (attributes.isDirectory()) {
            try (DriveFolder inner = folder.folder(name)) {
                for (String child : inner.names()) {
                    count(inner, child, progress, counts);
                }
            } catch (IOException e) {
                // unreadable or swapped meanwhile: counted as one entry
            }
        }
    }
}
