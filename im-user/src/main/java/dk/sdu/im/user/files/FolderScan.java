package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams one open folder's entries into a {@link PageSelector}. In PATH order only the names are read (no stat at
 * all); in SIZE and MODIFIED_AT order each entry is stat'ed once for its key, relative to the folder's descriptor.
 * Either way only (name, key) pairs of the best entries so far are kept, never a full listing.
 *
 * <p>In PATH order a large folder that has not changed since it was last read is served from its
 * {@link NameIndex} instead; a read of such a folder hands its names to the {@link NameIndexCache}. Both the stamp
 * and the names are read through the same descriptor, so an index always holds the names of the folder it is
 * found for.
 */
final class FolderScan {
    private FolderScan() {
    }

    static PageSelector.Selection select(DriveFolder folder, BrowseQuery query, FileDescriber describer,
                                         NameIndexCache cache) throws IOException {
        if (query.ordering().by() != Ordering.SortKey.PATH) {
            return scan(folder, query, describer, null);
        }
        long started = cache.now();
        FolderStamp stamp = FolderStamp.of(folder);
        Optional<NameIndex> index = cache.find(stamp);
        if (index.isPresent()) {
            return index.get().select(query);
        }
        List<String> names = cache.worthIndexing(stamp, started) ? new ArrayList<>() : null;
        PageSelector.Selection selection = scan(folder, query, describer, names);
        if (names != null && NameIndexCache.worthKeeping(names.size()) && FolderStamp.of(folder).equals(stamp)) {
            cache.offer(stamp, names.toArray(String[]::new));
        }
        return selection;
    }

    /** Reads every entry; {@code everyName}, if given, receives each name (up to one past the cache's limit). */
    private static PageSelector.Selection scan(DriveFolder folder, BrowseQuery query, FileDescriber describer,
                                               List<String> everyName) throws IOException {
        var selector = new PageSelector(query.ordering().comparator(), query.after(), query.itemsPerPage());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder.self())) {
            for (Path entry : entries) {
                String name = FileName.textOf(entry);
                if (everyName != null && everyName.size() <= NameIndexCache.MAX_NAMES) {
                    everyName.add(name);
                }
                if (query.filter().keeps(name)) {
                    offer(selector, folder, name, query.ordering().by(), describer);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return selector.result();
    }

    private static void offer(PageSelector selector, DriveFolder folder, String name, Ordering.SortKey by,
                              FileDescriber describer) throws IOException {
        if (by == Ordering.SortKey.PATH) {
            selector.offer(new Entry(name, 0));
            return;
        }
        Long key = describer.sortKey(folder, name, by);
        if (key != null) {
            selector.offer(new Entry(name, key));
        }
    }
}
