package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How many entries and bytes of regular files a tree holds, counted without following symlinks, for the
 * percentages of a copy or a delete. Entries that cannot be read are counted as they are met and skipped.
 */
record TreeStats(long entries, long bytes) {
    static TreeStats of(Path top, BackgroundWork.Progress progress) throws IOException {
        long[] counts = new long[2];
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                progress.checkpoint();
                counts[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                progress.checkpoint();
                counts[0]++;
                if (attributes.isRegularFile()) {
                    counts[1] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                counts[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return new TreeStats(counts[0], counts[1]);
    }
}
