package dk.sdu.im.user.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks one page out of a folder streamed entry by entry: the first {@code limit} entries after the cursor
 * in the given order, kept in a bounded heap whose head is the worst entry so far. Memory is O(limit) and time
 * O(n log limit), however large the folder. Not thread-safe; one per listing.
 */
final class PageSelector {
    private final Comparator<Entry> order;
    private final Entry after;
    private final int limit;
    private final PriorityQueue<Entry> worstFirst;
    private long candidates;

    /** {@code after} is the last entry of the previous page, or null for the first page. */
    PageSelector(Comparator<Entry> order, Entry after, int limit) {
        this.order = order;
        this.after = after;
        this.limit = limit;
        this.worstFirst = new PriorityQueue<>(limit + 1, order.reversed());
    }

    void offer(Entry entry) {
        if (after != null && order.compare(entry, after) <= 0) {
            return;
        }
        candidates++;
        if (worstFirst.size() < limit) {
            worstFirst.add(entry);
        } else if (order.compare(entry, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(entry);
        }
    }

    /** The page in order, and whether entries remain after it. */
    Selection result() {
        List<Entry> page = new ArrayList<>(worstFirst);
        page.sort(order);
        return new Selection(List.copyOf(page), candidates > limit);
    }

    record Selection(List<Entry> page, boolean more) {
    }
}
