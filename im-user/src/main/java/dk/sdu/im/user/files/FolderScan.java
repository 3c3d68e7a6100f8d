package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams one folder's entries into a {@link PageSelector}. In PATH order only the names are read (no stat at
 * all); in SIZE and MODIFIED_AT order each entry is stat'ed once for its key. Either way only (name, key) pairs
 * of the best entries so far are kept, never a full listing.
 */
final class FolderScan {
    private FolderScan() {
    }

    static PageSelector.Selection select(Path folder, BrowseQuery query, FileDescriber describer) throws IOException {
        var selector = new PageSelector(query.ordering().comparator(), query.after(), query.itemsPerPage());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (query.filter().keeps(name)) {
                    offer(selector, entry, name, query.ordering().by(), describer);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return selector.result();
    }

    private static void offer(PageSelector selector, Path entry, String name, Ordering.SortKey by,
                              FileDescriber describer) throws IOException {
        if (by == Ordering.SortKey.PATH) {
            selector.offer(new Entry(name, 0));
            return;
        }
        Long key = describer.sortKey(entry, by);
        if (key != null) {
            selector.offer(new Entry(name, key));
        }
    }
}
