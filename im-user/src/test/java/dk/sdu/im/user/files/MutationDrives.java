package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Two real drives, "12" and "13", side by side in a temporary directory, a folder {@code outside} next to them
 * holding a sentinel file, and short ways to build and inspect trees.
 */
final class MutationDrives {
    final Path base;
    final Path root;
    final Path root13;
    final DriveRoot drive;
    final DriveRoot drive13;
    final Path outside;
    final RecordingTaskReporter reporter = new RecordingTaskReporter();

    MutationDrives(Path temp) throws IOException {
        this.base = temp.toRealPath();
        this.root = Files.createDirectory(base.resolve("12"));
        this.root13 = Files.createDirectory(base.resolve("13"));
        this.drive = DriveRoot.of("12", root);
        this.drive13 = DriveRoot.of("13", root13);
        this.outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "sentinel");
    }

    /** Operations that always finish within the call (a budget no test reaches). */
    FileOperations operations() {
        return operations(Copiers.REAL);
    }

    FileOperations operations(FileCopier copier) {
        return new FileOperations(new BackgroundWork(reporter, Duration.ofMinutes(5), Duration.ZERO), copier);
    }

    /** Operations whose work moves to the background unless it is already done when the call looks. */
    FileOperations backgroundOperations(FileCopier copier) {
        return new FileOperations(new BackgroundWork(reporter, Duration.ZERO, Duration.ZERO), copier);
    }

    Path write(String relative, String content) throws IOException {
        return write(root, relative, content);
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path under {@code top}, relative, with a trailing "/" for folders and " -> target" for links. */
    static List<String> tree(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            return all.filter(p -> !p.equals(top)).map(p -> describe(top, p)).sorted().toList();
        }
    }

    private static String describe(Path top, Path p) {
        String name = top.relativize(p).toString();
        try {
            if (Files.isSymbolicLink(p)) {
                return name + " -> " + Files.readSymbolicLink(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Files.isDirectory(p) ? name + "/" : name;
    }

    /** Names anywhere under the base that this module uses for unfinished work. */
    List<String> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(TreeCopy.PARTIAL) || n.startsWith(TreeCopy.REPLACED)).toList();
        }
    }

    static ApiException failure(ThrowingCallable call) {
        ApiException error = catchThrowableOfType(ApiException.class, call);
        if (error == null) {
            throw new AssertionError("expected an ApiException");
        }
        return error;
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
