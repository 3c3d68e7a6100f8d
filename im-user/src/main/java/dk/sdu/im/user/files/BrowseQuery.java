package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files;

/**
 * A browse request, checked and normalised: the folder as a confined UCloud path, the page size Core would use
 * (null or at most 0 becomes 50, at most 1000), the order, the name filter, the fields to fill in, and the
 * position after which the page starts (null for the first page).
 */
record BrowseQuery(UCloudPath folder, int itemsPerPage, Ordering ordering, NameFilter filter, Fields fields,
                   Entry after) {
    static final int DEFAULT_ITEMS_PER_PAGE = 50;
    static final int MAX_ITEMS_PER_PAGE = 1000;

    static BrowseQuery of(Files.BrowseOptions options, PathResolver resolver) {
        if (options == null || options.flags() == null || options.flags().path() == null) {
            throw ApiException.badRequest("Browse needs flags.path, the folder to list");
        }
        UCloudPath folder = resolver.parse(options.flags().path());
        Ordering ordering = Ordering.of(options.sortBy(), options.sortDirection());
        PageCursor cursor = PageCursor.decode(options.next(), folder, ordering);
        return new BrowseQuery(folder, itemsPerPage(options.itemsPerPage()), ordering, NameFilter.of(options.flags()),
                Fields.of(options.flags()), cursor == null ? null : cursor.position());
    }

    static int itemsPerPage(Integer requested) {
        if (requested == null || requested <= 0) {
            return DEFAULT_ITEMS_PER_PAGE;
        }
        return Math.min(requested, MAX_ITEMS_PER_PAGE);
    }
}
