package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The search behind {@code files.streamingSearch} (contract 3.4.6), run as the user: every file and folder under
 * one folder of a drive whose name contains the query, ignoring case, handed out in batches while the walk goes
 * on, so the first results reach the browser long before a large tree is done.
 *
 * <p>The walk never follows symlinks (a link is matched by its own name and never entered) and opens each folder
 * by descriptor from the one it was listed in, so a folder swapped for a link meanwhile is skipped, never entered;
 * it skips what the user may not read, and stops after {@link Limits#maxVisited} entries or {@link Limits#maxResults} matches. A batch
 * goes out when {@link Limits#batchMillis} passed since the last one (the Go module batches every 100 ms) or it
 * holds {@link Limits#maxBatch} files; the sink returning false (the client went away) ends the walk at once.
 */
public final class FileSearch {
    /** Bounds of one search. */
    public record Limits(int maxBatch, long batchMillis, int maxResults, long maxVisited) {
        public static final Limits DEFAULT = new Limits(250, 100, 10_000, 5_000_000);
    }

    /** Receives batches; returns false to stop the search (the client cancelled). */
    @FunctionalInterface
    public interface Sink {
        boolean accept(List<ProviderFile> batch) throws IOException;
    }

    private final Clock clock;
    private final Limits limits;

    public FileSearch(Clock clock, Limits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Searches {@code folder} (a UCloud path on {@code drive}) for names containing {@code query}. Throws
     * ApiException for a bad or missing folder or an empty query (before anything was sent); returns normally
     * when the walk is done, a limit was reached or the sink stopped it.
     */
    public void search(DriveRoot drive, String folder, String query, FileFlags flags, Sink sink) throws IOException {
        if (query == null || query.isBlank()) {
            throw ApiException.badRequest("A search needs a query");
        }
        PathResolver resolver = new PathResolver(drive);
        UCloudPath start = resolver.parse(folder);
        DriveFolder top;
        try {
            top = resolver.folder(start);
        } catch (ApiException e) {
            throw e.status() == 400 ? ApiException.badRequest("Only folders can be searched: " + start) : e;
        }
        try (top) {
            var walk = new Walk(new FileDescriber(drive.driveId(), Fields.of(flags)), query.toLowerCase(Locale.ROOT),
                    hidden(flags), sink);
            walk.children(top, UCloudPath.utf8Length(start.toString()));
            walk.flush();
        }
    }

    private static boolean hidden(FileFlags flags) {
        return flags != null && Boolean.TRUE.equals(flags.filterHiddenFiles());
    }

    /**
     * One walk, depth first, each folder opened by descriptor from the one above it ({@link DriveFolder}): matches,
     * the pending batch, and the counters that end it. Folders deeper than a UCloud path can name are not entered.
     */
    private final class Walk {
        private final FileDescriber describer;
        private final String query;
        private final boolean skipHidden;
        private final Sink sink;
        private final List<ProviderFile> batch = new ArrayList<>();
        private long lastFlush = clock.millis();
        private long visited;
        private int found;
        private boolean cancelled;
        private boolean limitReached;

        Walk(FileDescriber describer, String query, boolean skipHidden, Sink sink) {
            this.describer = describer;
            this.query = query;
            this.skipHidden = skipHidden;
            this.sink = sink;
        }

        /** Visits every entry of {@code folder}; one that cannot be listed is skipped, as {@code find} would. */
        void children(DriveFolder folder, int pathBytes) throws IOException {
            DirectoryStream<Path> entries;
            try {
                entries = Files.newDirectoryStream(folder.self());
            } catch (IOException unreadable) {
                return;
            }
            try (entries) {
                Iterator<Path> each = entries.iterator();
                while (!ended() && hasNext(each)) {
                    visit(folder, FileName.textOf(each.next()), pathBytes);
                }
            }
        }

        private void visit(DriveFolder folder, String name, int folderBytes) throws IOException {
            if (++visited > limits.maxVisited()) {
                limitReached = true;
                return;
            }
            Kind kind;
            try {
                kind = Kind.of(folder, name);
            } catch (IOException unreadable) {
                return;
            }
            boolean hiddenName = name.startsWith(".");
            if (!(skipHidden && hiddenName) && name.toLowerCase(Locale.ROOT).contains(query)) {
                match(folder, name);
            }
            if (batch.size() >= limits.maxBatch() || (!batch.isEmpty() && clock.millis() - lastFlush >= limits.batchMillis())) {
                flush();
            }
            int bytes = folderBytes + 1 + UCloudPath.utf8Length(name);
            if (!ended() && kind == Kind.DIRECTORY && !(skipHidden && hiddenName) && bytes <= UCloudPath.MAX_PATH_BYTES) {
                descend(folder, name, bytes);
            }
        }

        private void match(DriveFolder folder, String name) throws IOException {
            ProviderFile file;
            try {
                file = describer.describe(folder, name, folder.path().child(name));
            } catch (IOException unreadable) {
                return;
            }
            if (file != null) {
                batch.add(file);
                limitReached |= ++found >= limits.maxResults();
            }
        }

        private boolean ended() {
            return cancelled || limitReached;
        }

        private void descend(DriveFolder folder, String name, int bytes) throws IOException {
            DriveFolder child;
            try {
                child = folder.folder(name);
            } catch (IOException swappedOrUnreadable) {
                return;
            }
            try (child) {
                children(child, bytes);
            }
        }

        private static boolean hasNext(Iterator<Path> each) {
            try {
                return each.hasNext();
            } catch (DirectoryIteratorException unreadable) {
                return false;
            }
        }

        void flush() throws IOException {
            if (batch.isEmpty() || cancelled) {
                return;
            }
            cancelled = !sink.accept(List.copyOf(batch));
            batch.clear();
            lastFlush = clock.millis();
        }
    }
}
