package dk.sdu.im.user.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The names of one large folder in PATH order, as read at one {@link FolderStamp}: any page, in either direction,
 * after any cursor, by binary search, instead of reading and ordering the whole folder again for every page.
 * Immutable; shared by concurrent listings.
 */
record NameIndex(FolderStamp stamp, String[] sorted) {
    /** Sorts {@code names} (which it takes over) in PATH order. */
    static NameIndex of(FolderStamp stamp, String[] names) {
        Arrays.sort(names, Ordering::compareNames);
        return new NameIndex(stamp, names);
    }

    int size() {
        return sorted.length;
    }

    /** The page the query asks for, exactly as {@link PageSelector} would choose it from a full scan. */
    PageSelector.Selection select(BrowseQuery query) {
        boolean descending = query.ordering().descending();
        int step = descending ? -1 : 1;
        List<Entry> page = new ArrayList<>(Math.min(query.itemsPerPage(), sorted.length));
        for (int i = start(query.after(), descending); i >= 0 && i < sorted.length; i += step) {
            if (!query.filter().keeps(sorted[i])) {
                continue;
            }
            if (page.size() == query.itemsPerPage()) {
                return new PageSelector.Selection(List.copyOf(page), true);
            }
            page.add(new Entry(sorted[i], 0));
        }
        return new PageSelector.Selection(List.copyOf(page), false);
    }

    /** The first index past the cursor in the listing's direction. */
    private int start(Entry after, boolean descending) {
        if (after == null) {
            return descending ? sorted.length - 1 : 0;
        }
        int found = Arrays.binarySearch(sorted, after.name(), Ordering::compareNames);
        if (found >= 0) {
            return descending ? found - 1 : found + 1;
        }
        int insertion = -found - 1;
        return descending ? insertion - 1 : insertion;
    }
}
