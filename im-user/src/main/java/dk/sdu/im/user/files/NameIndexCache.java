package dk.sdu.im.user.files;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The {@link NameIndex}es of the few largest folders listed lately, so that paging through (or reloading) a folder
 * of 100,000 entries costs a binary search instead of a full read and selection each time.
 *
 * <p>A folder listed in PATH order with at least {@link #MIN_NAMES} entries is indexed from the names that listing
 * read anyway; the sort runs on {@code builder}, off the request. An index is used only while the folder's
 * {@link FolderStamp} is unchanged, and is made only if the folder had not changed for {@link #SETTLE_MILLIS}
 * before it was read: otherwise a change within the same timestamp tick could go unseen. At most
 * {@link #MAX_NAMES} names are kept in all (about 6 MB in IM/User's 64 MB heap), least recently used first out.
 * Thread-safe.
 */
final class NameIndexCache {
    static final int MIN_NAMES = 5_000;
    static final int MAX_NAMES = 200_000;
    static final long SETTLE_MILLIS = 2_000;

    private final Clock clock;
    private final Executor builder;
    private final Map<FolderStamp.Identity, NameIndex> indexes = new LinkedHashMap<>(8, 0.75f, true);
    private int names;

    NameIndexCache(Clock clock, Executor builder) {
        this.clock = clock;
        this.builder = builder;
    }

    /**
     * The index of the folder {@code stamp} was read from, if it was made at exactly this stamp. Folders are known
     * by device and inode, not by path: two paths to one folder share its index, and a folder renamed or swapped
     * for another is another folder.
     */
    synchronized Optional<NameIndex> find(FolderStamp stamp) {
        FolderStamp.Identity folder = stamp.identity();
        NameIndex index = indexes.get(folder);
        if (index == null) {
            return Optional.empty();
        }
        if (!index.stamp().equals(stamp)) {
            drop(folder);
            return Optional.empty();
        }
        return Optional.of(index);
    }

    /** Whether names read now from a folder at {@code stamp} may be indexed. */
    boolean worthIndexing(FolderStamp stamp, long readStartedMillis) {
        return stamp.settledBefore(readStartedMillis, SETTLE_MILLIS);
    }

    /** Whether a folder of {@code names} entries is indexed: large enough to gain, small enough to keep. */
    static boolean worthKeeping(int names) {
        return names >= MIN_NAMES && names <= MAX_NAMES;
    }

    /** Indexes {@code folderNames} (read completely at {@code stamp}) in the background, if there are enough. */
    void offer(FolderStamp stamp, String[] folderNames) {
        if (!worthKeeping(folderNames.length)) {
            return;
        }
        builder.execute(() -> store(stamp.identity(), NameIndex.of(stamp, folderNames)));
    }

    long now() {
        return clock.millis();
    }

    private synchronized void store(FolderStamp.Identity folder, NameIndex index) {
        drop(folder);
        indexes.put(folder, index);
        names += index.size();
        var eldest = indexes.entrySet().iterator();
        while (names > MAX_NAMES && eldest.hasNext()) {
            names -= eldest.next().getValue().size();
            eldest.remove();
        }
    }

    private void drop(FolderStamp.Identity folder) {
        NameIndex old = indexes.remove(folder);
        if (old != null) {
            names -= old.size();
        }
    }
}
