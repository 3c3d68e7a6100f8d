package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy (contract 3.4.3): files and trees, every conflict policy, and copies that fail half-way. */
class CopyTest {
    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private void sourceTree() throws IOException {
        t.write("src/a.txt", "A");
        t.write("src/sub/b.bin", "B".repeat(200_000));
        Files.createDirectories(t.root.resolve("src/empty"));
    }

    @Test
    void copiesAFileWithItsContentsAndPermissionBits() throws Exception {
        Path a = t.write("a.txt", "A");
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-r-----"));
        FileOperations.Outcome outcome = ops.copy(t.drive, "/12/a.txt", t.drive, "/12/b.txt", ConflictPolicy.REJECT);
        assertThat(outcome).isEqualTo(new FileOperations.Outcome("/12/b.txt", false, java.util.List.of()));
        assertThat(read(t.root.resolve("b.txt"))).isEqualTo("A");
        assertThat(mode(t.root.resolve("b.txt"))).isEqualTo("rw-r-----");
        assertThat(read(a)).isEqualTo("A");
    }

    @Test
    void copiesAWholeTreeIncludingEmptyAndReadOnlyFolders() throws Exception {
        sourceTree();
        Files.setPosixFilePermissions(t.root.resolve("src/sub"), PosixFilePermissions.fromString("r-xr-xr-x"));
        ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT);
        assertThat(tree(t.root.resolve("dst"))).isEqualTo(tree(t.root.resolve("src")));
        assertThat(read(t.root.resolve("dst/sub/b.bin"))).hasSize(200_000);
        assertThat(mode(t.root.resolve("dst/sub"))).isEqualTo("r-xr-xr-x");
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void copiesBetweenDrives() throws Exception {
        sourceTree();
        assertThat(ops.copy(t.drive, "/12/src", t.drive13, "/13/src", ConflictPolicy.REJECT).id()).isEqualTo("/13/src");
        assertThat(tree(t.root13.resolve("src"))).isEqualTo(tree(t.root.resolve("src")));
    }

    @Test
    void copyingOntoItselfWithRenameMakesADuplicate() throws Exception {
        sourceTree();
        assertThat(ops.copy(t.drive, "/12/src/a.txt", t.drive, "/12/src/a.txt", ConflictPolicy.RENAME).id())
                .isEqualTo("/12/src/a(1).txt");
        assertThat(ops.copy(t.drive, "/12/src", t.drive, "/12/src", ConflictPolicy.RENAME).id()).isEqualTo("/12/src(1)");
        assertThat(read(t.root.resolve("src/a(1).txt"))).isEqualTo("A");
        assertThat(tree(t.root.resolve("src(1)"))).isEqualTo(tree(t.root.resolve("src")));
    }

    @Test
    void copyingOntoItselfWithReplaceOrMergeChangesNothing() throws Exception {
        sourceTree();
        var before = tree(t.root);
        ops.copy(t.drive, "/12/src", t.drive, "/12/src", ConflictPolicy.REPLACE);
        ops.copy(t.drive, "/12/src", t.drive, "/12/src", ConflictPolicy.MERGE_RENAME);
        ops.copy(t.drive, "/12/src/a.txt", t.drive, "/12/src/a.txt", ConflictPolicy.REPLACE);
        assertThat(tree(t.root)).isEqualTo(before);
        assertThat(read(t.root.resolve("src/a.txt"))).isEqualTo("A");
    }

    @Test
    void aFolderCannotBeCopiedIntoItsOwnSubtree() throws Exception {
        sourceTree();
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/src/sub/src", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).isEqualTo("Cannot copy the folder /12/src into itself (/12/src/sub/src is inside it)");
    }

    @Test
    void rejectRefusesATakenNameWith409() throws Exception {
        sourceTree();
        t.write("x", "X");
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/x", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/x");
        assertThat(read(t.root.resolve("x"))).isEqualTo("X");
    }

    @Test
    void renameTakesTheNextFreeName() throws Exception {
        t.write("a.tar.gz", "new");
        t.write("to/a.tar.gz", "old");
        assertThat(ops.copy(t.drive, "/12/a.tar.gz", t.drive, "/12/to/a.tar.gz", ConflictPolicy.RENAME).id())
                .isEqualTo("/12/to/a.tar(1).gz");
        t.write(".bashrc", "rc");
        assertThat(ops.copy(t.drive, "/12/.bashrc", t.drive, "/12/.bashrc", ConflictPolicy.RENAME).id())
                .isEqualTo("/12/.bashrc(1)");
    }

    @Test
    void replaceOverwritesFilesAndTrees() throws Exception {
        sourceTree();
        t.write("old/stale.txt", "stale");
        t.write("file", "F");
        ops.copy(t.drive, "/12/src", t.drive, "/12/old", ConflictPolicy.REPLACE);
        assertThat(tree(t.root.resolve("old"))).isEqualTo(tree(t.root.resolve("src")));
        ops.copy(t.drive, "/12/src/a.txt", t.drive, "/12/file", ConflictPolicy.REPLACE);
        assertThat(read(t.root.resolve("file"))).isEqualTo("A");
        ops.copy(t.drive, "/12/file", t.drive, "/12/old", ConflictPolicy.REPLACE);
        assertThat(read(t.root.resolve("old"))).isEqualTo("A");
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void replaceRefusesATargetThatContainsTheSource() throws Exception {
        sourceTree();
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src/sub", t.drive, "/12/src", ConflictPolicy.REPLACE));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).contains("which contains it");
    }

    @Test
    void mergeRenameMergesTreesAndKeepsBothVersionsOfConflictingFiles() throws Exception {
        t.write("src/x.txt", "new x");
        t.write("src/sub/y.txt", "new y");
        t.write("src/sub/deeper/z.txt", "z");
        t.write("dst/x.txt", "old x");
        t.write("dst/sub/y.txt", "old y");
        t.write("dst/mine.txt", "mine");
        ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.MERGE_RENAME);
        assertThat(tree(t.root.resolve("dst"))).containsExactly("mine.txt", "sub/", "sub/deeper/", "sub/deeper/z.txt",
                "sub/y(1).txt", "sub/y.txt", "x(1).txt", "x.txt");
        assertThat(read(t.root.resolve("dst/x(1).txt"))).isEqualTo("new x");
        assertThat(read(t.root.resolve("dst/sub/y.txt"))).isEqualTo("old y");
        assertThat(tree(t.root.resolve("src"))).containsExactly("sub/", "sub/deeper/", "sub/deeper/z.txt", "sub/y.txt",
                "x.txt");
    }

    @Test
    void aFailureHalfWayThroughAFileLeavesNoPartialFile() throws Exception {
        sourceTree();
        ops = t.operations(Copiers.failingAt("b.bin", new IOException("Input/output error")));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.why()).isEqualTo("Could not change /12/dst/sub/b.bin");
        assertThat(t.root.resolve("dst")).doesNotExist();
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void aFullDiskOrQuotaSaysSoAndLeavesNothing() throws Exception {
        sourceTree();
        for (IOException full : new IOException[] {new IOException("No space left on device"),
                new FileSystemException("x", null, "Disk quota exceeded")}) {
            ops = t.operations(Copiers.failingAt("b.bin", full));
            ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT));
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.why()).isEqualTo("The destination is full (disk or quota); nothing was changed");
            ops = t.operations(Copiers.failingAt("a.txt", full));
            assertThat(failure(() -> ops.copy(t.drive, "/12/src/a.txt", t.drive, "/12/a.txt", ConflictPolicy.REJECT))
                    .status()).isEqualTo(400);
            assertThat(tree(t.root)).doesNotContain("dst/", "a.txt");
            assertThat(t.leftovers()).isEmpty();
        }
    }

    @Test
    void aBusyFileIsAConflict() throws Exception {
        sourceTree();
        ops = t.operations(Copiers.failingAt("a.txt", new FileSystemException("x", null, "Text file busy")));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).contains("busy");
    }

    @Test
    void anUnreadableSourceFileIsPermissionDeniedNamingIt() throws Exception {
        sourceTree();
        Path b = t.root.resolve("src/sub/b.bin");
        ops = t.operations(Copiers.failingAt("b.bin", new AccessDeniedException(b.toString())));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/src/sub/b.bin");
        assertThat(t.root.resolve("dst")).doesNotExist();
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void aReallyUnreadableSourceFileStopsTheCopyCleanly() throws Exception {
        assumeFalse(MutationDrives.isRoot(), "root reads every file");
        sourceTree();
        Files.setPosixFilePermissions(t.root.resolve("src/sub/b.bin"), PosixFilePermissions.fromString("---------"));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/src/sub/b.bin");
        assertThat(t.root.resolve("dst")).doesNotExist();
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void pipesAndSocketsAreNotCopied() throws Exception {
        sourceTree();
        Path fifo = t.root.resolve("src/pipe");
        int made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assumeFalse(made != 0, "mkfifo is not available");
        FileOperations.Outcome outcome = ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT);
        assertThat(outcome.notCopied()).containsExactly("/12/src/pipe");
        assertThat(t.root.resolve("dst/pipe")).doesNotExist();
        ApiException error = failure(() -> ops.copy(t.drive, "/12/src/pipe", t.drive, "/12/p", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(400);
    }
}
