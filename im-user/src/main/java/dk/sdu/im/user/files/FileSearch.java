package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The search behind {@code files.streamingSearch} (contract 3.4.6), run as the user: every file and folder under
 * one folder of a drive whose name contains the query, ignoring case, handed out in batches while the walk goes
 * on, so the first results reach the browser long before a large tree is done.
 *
 * <p>The walk never follows symlinks (a link is matched by its own name and never entered), skips what the user
 * may not read, and stops after {@link Limits#maxVisited} entries or {@link Limits#maxResults} matches. A batch
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
        Path start = resolver.resolveExisting(folder);
        if (!Files.isDirectory(start)) {
            throw ApiException.badRequest("Only folders can be searched: " + folder);
        }
        var walk = new Walk(new FileDescriber(resolver, Fields.of(flags)), start, folder,
                query.toLowerCase(Locale.ROOT), hidden(flags), sink);
        Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, walk);
        walk.flush();
    }

    private static boolean hidden(FileFlags flags) {
        return flags != null && Boolean.TRUE.equals(flags.filterHiddenFiles());
    }

    /** One walk: matches, the pending batch, and the counters that end it. */
    private final class Walk extends SimpleFileVisitor<Path> {
        private final FileDescriber describer;
        private final Path start;
        private final String startId;
        private final String query;
        private final boolean skipHidden;
        private final Sink sink;
        private final List<ProviderFile> batch = new ArrayList<>();
        private long lastFlush = clock.millis();
        private long visited;
        private int found;
        private boolean stopped;

        Walk(FileDescriber describer, Path start, String startId, String query,
             boolean skipHidden, Sink sink) {
            this.describer = describer;
            this.start = start;
            this.startId = startId.endsWith("/") ? startId.substring(0, startId.length() - 1) : startId;
            this.query = query;
            this.skipHidden = skipHidden;
            this.sink = sink;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            if (dir.equals(start)) {
                return FileVisitResult.CONTINUE;
            }
            FileVisitResult result = visit(dir);
            if (result != FileVisitResult.CONTINUE) {
                return result;
            }
            return skipHidden && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            return visit(file);
        }

        /** Unreadable folders and files that vanished are skipped, as {@code find} would report and go on. */
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        private FileVisitResult visit(Path path) throws IOException {
            if (++visited > limits.maxVisited() || stopped) {
                return FileVisitResult.TERMINATE;
            }
            String name = path.getFileName().toString();
            if (!(skipHidden && name.startsWith(".")) && name.toLowerCase(Locale.ROOT).contains(query)) {
                ProviderFile file = describer.describe(path, idOf(path));
                if (file != null) {
                    batch.add(file);
                    found++;
                }
            }
            if (batch.size() >= limits.maxBatch() || (!batch.isEmpty() && clock.millis() - lastFlush >= limits.batchMillis())) {
                flush();
            }
            return stopped || found >= limits.maxResults() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        private String idOf(Path path) {
            StringBuilder id = new StringBuilder(startId);
            for (Path name : start.relativize(path)) {
                id.append('/').append(name);
            }
            return id.toString();
        }

        private boolean isHidden(Path dir) {
            return dir.getFileName().toString().startsWith(".");
        }

        void flush() throws IOException {
            if (batch.isEmpty() || stopped) {
                return;
            }
            stopped = !sink.accept(List.copyOf(batch));
            batch.clear();
            lastFlush = clock.millis();
        }
    }
}
