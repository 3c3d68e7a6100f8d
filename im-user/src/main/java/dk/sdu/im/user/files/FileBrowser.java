package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Envelopes;
import dk.sdu.im.api.wire.Files;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The file calls browse (contract 3.4.1) and retrieve (3.4.2) on one drive, run as the user.
 *
 * <p>Contract: every path in and out is a UCloud path; errors are ApiExceptions whose {@code why} names only
 * UCloud paths (400 bad path or page token, 403 another drive, a symlink on the way or permission denied,
 * 404 not found, 500 other I/O errors, logged). The folder is walked to and listed by descriptor
 * ({@link PathResolver}, {@link DriveFolder}), so what is listed is the folder that was reached. A listing reads only names, or names and one stat each when
 * sorting by size or time, keeps the page in a bounded heap, and reads the full attributes of the page's entries
 * only. Large folders listed in PATH order are indexed ({@link NameIndexCache}), so paging through them does not
 * read them again. Thread-safe: one instance serves every request of the process.
 */
public final class FileBrowser {
    private final NameIndexCache indexes;

    /** Indexes large folders on the calling thread (deterministic; for tests and training). */
    public FileBrowser() {
        this(Clock.systemUTC(), Runnable::run);
    }

    /** Sorts the names of large folders on {@code indexBuilder}, off the request that read them. */
    public FileBrowser(Clock clock, Executor indexBuilder) {
        this.indexes = new NameIndexCache(clock, indexBuilder);
    }

    /** The folder indexes, for tests that check one is used. */
    NameIndexCache indexes() {
        return indexes;
    }

    /** One page of the folder {@code options.flags.path}, in the requested order, after {@code options.next}. */
    public Envelopes.PageV2<Files.ProviderFile> browse(DriveRoot drive, Files.BrowseOptions options) {
        PathResolver resolver = new PathResolver(drive);
        BrowseQuery query = BrowseQuery.of(options, resolver);
        FileDescriber describer = new FileDescriber(drive.driveId(), query.fields());
        try (DriveFolder folder = resolver.folder(query.folder())) {
            PageSelector.Selection selection = FolderScan.select(folder, query, describer, indexes);
            List<Files.ProviderFile> files = describeAll(folder, selection.page(), describer);
            return new Envelopes.PageV2<>(files, query.itemsPerPage(), next(selection, query));
        } catch (IOException e) {
            throw FileErrors.of(e, query.folder());
        }
    }

    /**
     * The file or folder {@code options.id}, as a listing of its folder shows it (a symbolic link as the link);
     * 404 when it does not exist.
     */
    public Files.ProviderFile retrieve(DriveRoot drive, Files.RetrieveOptions options) {
        if (options == null) {
            throw ApiException.badRequest("Retrieve needs id, the file to describe");
        }
        PathResolver resolver = new PathResolver(drive);
        UCloudPath path = resolver.parse(options.id());
        var describer = new FileDescriber(drive.driveId(), Fields.of(options.flags()));
        if (path.isRoot()) {
            try (DriveFolder root = resolver.folder(path)) {
                return describer.describeFolder(root, path.toString());
            } catch (IOException e) {
                throw FileErrors.of(e, path);
            }
        }
        try (DriveFolder folder = resolver.parentOf(path)) {
            Files.ProviderFile file = describer.describe(folder, path.name(), path.toString());
            if (file == null) {
                throw FileErrors.notFound(path);
            }
            return file;
        } catch (IOException e) {
            throw FileErrors.of(e, path);
        }
    }

    private static List<Files.ProviderFile> describeAll(DriveFolder folder, List<Entry> page, FileDescriber describer)
            throws IOException {
        List<Files.ProviderFile> files = new ArrayList<>(page.size());
        for (Entry entry : page) {
            Files.ProviderFile file = describer.describe(folder, entry.name(), folder.path().child(entry.name()));
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    /** The token after the page's last entry, even if that entry vanished before it was described. */
    private static String next(PageSelector.Selection selection, BrowseQuery query) {
        if (!selection.more()) {
            return null;
        }
        return PageCursor.after(selection.page().getLast()).encode(query.folder(), query.ordering());
    }
}
