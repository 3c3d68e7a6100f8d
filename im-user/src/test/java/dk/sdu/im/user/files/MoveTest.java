package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dk.sdu.im.api.ApiException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** move (contract 3.4.3): renames within a drive and between drives, every conflict policy, and refusals. */
class MoveTest {
    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
    }

    private Object inode(Path p) throws Exception {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void movesAFileToAnotherFolderAndName() throws Exception {
        t.write("a.txt", "A");
        Files.createDirectory(t.root.resolve("sub"));
        FileOperations.Outcome outcome = ops.move(t.drive, "/12/a.txt", t.drive, "/12/sub/b.txt", ConflictPolicy.REJECT);
        assertThat(outcome.id()).isEqualTo("/12/sub/b.txt");
        assertThat(outcome.inBackground()).isFalse();
        assertThat(t.root.resolve("a.txt")).doesNotExist();
        assertThat(read(t.root.resolve("sub/b.txt"))).isEqualTo("A");
    }

    @Test
    void movesAWholeTreeWithOneRename() throws Exception {
        t.write("dir/x/y.txt", "Y");
        Object before = inode(t.root.resolve("dir"));
        ops.move(t.drive, "/12/dir", t.drive, "/12/renamed", ConflictPolicy.REJECT);
        assertThat(inode(t.root.resolve("renamed"))).isEqualTo(before);
        assertThat(tree(t.root)).containsExactly("renamed/", "renamed/x/", "renamed/x/y.txt");
    }

    @Test
    void movesBetweenTwoDrives() throws Exception {
        t.write("dir/y.txt", "Y");
        FileOperations.Outcome outcome = ops.move(t.drive, "/12/dir", t.drive13, "/13/dir", ConflictPolicy.REJECT);
        assertThat(outcome.id()).isEqualTo("/13/dir");
        assertThat(t.root.resolve("dir")).doesNotExist();
        assertThat(read(t.root13.resolve("dir/y.txt"))).isEqualTo("Y");
    }

    @Test
    void movesAcrossFileSystemsByCopyingThenDeleting(@TempDir(factory = MemoryTempDirFactory.class) Path shm)
            throws Exception {
        Path other = Files.createDirectory(shm.toRealPath().resolve("14"));
        assumeFalse(Files.getFileStore(other).equals(Files.getFileStore(t.root)), "both drives are on one file system");
        DriveRoot drive14 = DriveRoot.of("14", other);
        t.write("dir/sub/y.txt", "Y");
        t.write("dir/z.txt", "Z");
        Files.setPosixFilePermissions(t.root.resolve("dir/z.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.createSymbolicLink(t.root.resolve("dir/link"), Path.of("sub/y.txt"));
        ops.move(t.drive, "/12/dir", drive14, "/14/moved", ConflictPolicy.REJECT);
        assertThat(t.root.resolve("dir")).doesNotExist();
        assertThat(tree(other)).containsExactly("moved/", "moved/link -> sub/y.txt", "moved/sub/", "moved/sub/y.txt",
                "moved/z.txt");
        assertThat(read(other.resolve("moved/sub/y.txt"))).isEqualTo("Y");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve("moved/z.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void aMoveAcrossFileSystemsThatCannotCopyEverythingLeavesTheOriginal(
            @TempDir(factory = MemoryTempDirFactory.class) Path shm) throws Exception {
        Path other = Files.createDirectory(shm.toRealPath().resolve("14"));
        assumeFalse(Files.getFileStore(other).equals(Files.getFileStore(t.root)), "both drives are on one file system");
        DriveRoot drive14 = DriveRoot.of("14", other);
        t.write("dir/a.txt", "A");
        t.write("dir/b.txt", "B");
        var failing = t.operations(Copiers.failingAt("b.txt", new java.io.IOException("Input/output error")));
        assertThat(failure(() -> failing.move(t.drive, "/12/dir", drive14, "/14/dir", ConflictPolicy.REJECT)).status())
                .isEqualTo(500);
        assertThat(tree(t.root.resolve("dir"))).containsExactly("a.txt", "b.txt");
        assertThat(tree(other)).isEmpty();
        int made = new ProcessBuilder("mkfifo", t.root.resolve("dir/pipe").toString()).start().waitFor();
        assumeFalse(made != 0, "mkfifo is not available");
        ApiException error = failure(() -> ops.move(t.drive, "/12/dir", drive14, "/14/dir", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).startsWith("/12/dir/pipe is a special file");
        assertThat(tree(t.root.resolve("dir"))).containsExactly("a.txt", "b.txt", "pipe");
        assertThat(tree(other)).isEmpty();
    }

    @Test
    void aFolderCannotMoveIntoItsOwnSubtree() throws Exception {
        t.write("a/b/c.txt", "C");
        for (String into : new String[] {"/12/a/a", "/12/a/b/a"}) {
            ApiException error = failure(() -> ops.move(t.drive, "/12/a", t.drive, into, ConflictPolicy.RENAME));
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.why()).isEqualTo("Cannot move the folder /12/a into itself (" + into + " is inside it)");
        }
        assertThat(tree(t.root)).containsExactly("a/", "a/b/", "a/b/c.txt");
    }

    @Test
    void aFolderCannotMoveIntoItsSubtreeThroughALinkEither() throws Exception {
        t.write("a/b/c.txt", "C");
        Files.createSymbolicLink(t.root.resolve("shortcut"), Path.of("a/b"));
        ApiException error = failure(() -> ops.move(t.drive, "/12/a", t.drive, "/12/shortcut/a", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(403);
        assertThat(t.root.resolve("a/b/c.txt")).exists();
    }

    @Test
    void rejectRefusesATakenNameWith409AndChangesNothing() throws Exception {
        t.write("a.txt", "A");
        t.write("x", "X");
        ApiException error = failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/x", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/x");
        assertThat(read(t.root.resolve("a.txt"))).isEqualTo("A");
        assertThat(read(t.root.resolve("x"))).isEqualTo("X");
    }

    @Test
    void renameTakesTheNextFreeNameForFilesAndFolders() throws Exception {
        t.write("a.txt", "new");
        t.write("to/a.txt", "old");
        t.write("to/a(1).txt", "older");
        t.write("d/f", "F");
        Files.createDirectory(t.root.resolve("to/d"));
        assertThat(ops.move(t.drive, "/12/a.txt", t.drive, "/12/to/a.txt", ConflictPolicy.RENAME).id())
                .isEqualTo("/12/to/a(2).txt");
        assertThat(ops.move(t.drive, "/12/d", t.drive, "/12/to/d", ConflictPolicy.RENAME).id()).isEqualTo("/12/to/d(1)");
        assertThat(read(t.root.resolve("to/a(2).txt"))).isEqualTo("new");
        assertThat(read(t.root.resolve("to/a.txt"))).isEqualTo("old");
        assertThat(read(t.root.resolve("to/d(1)/f"))).isEqualTo("F");
    }

    @Test
    void replaceOverwritesAFile() throws Exception {
        t.write("a.txt", "new");
        t.write("b.txt", "old");
        ops.move(t.drive, "/12/a.txt", t.drive, "/12/b.txt", ConflictPolicy.REPLACE);
        assertThat(tree(t.root)).containsExactly("b.txt");
        assertThat(read(t.root.resolve("b.txt"))).isEqualTo("new");
    }

    @Test
    void replaceRemovesAWholeExistingTreeFirst() throws Exception {
        t.write("new/one.txt", "1");
        t.write("old/deep/two.txt", "2");
        t.write("file.txt", "F");
        ops.move(t.drive, "/12/new", t.drive, "/12/old", ConflictPolicy.REPLACE);
        assertThat(tree(t.root)).containsExactly("file.txt", "old/", "old/one.txt");
        ops.move(t.drive, "/12/file.txt", t.drive, "/12/old", ConflictPolicy.REPLACE);
        assertThat(tree(t.root)).containsExactly("old");
        assertThat(read(t.root.resolve("old"))).isEqualTo("F");
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void replaceRefusesATargetThatContainsTheSource() throws Exception {
        t.write("a/x.txt", "X");
        ApiException error = failure(() -> ops.move(t.drive, "/12/a/x.txt", t.drive, "/12/a", ConflictPolicy.REPLACE));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).isEqualTo("Cannot move /12/a/x.txt onto /12/a, which contains it");
        assertThat(read(t.root.resolve("a/x.txt"))).isEqualTo("X");
    }

    @Test
    void mergeRenameMergesTreesAndRenamesConflictingFiles() throws Exception {
        t.write("src/d/x.txt", "new x");
        t.write("src/d/only.txt", "only");
        t.write("src/d/sub/y.txt", "new y");
        t.write("src/d/sub/z.txt", "z");
        t.write("dst/d/x.txt", "old x");
        t.write("dst/d/other.txt", "other");
        t.write("dst/d/sub/y.txt", "old y");
        FileOperations.Outcome outcome = ops.move(t.drive, "/12/src/d", t.drive, "/12/dst/d", ConflictPolicy.MERGE_RENAME);
        assertThat(outcome.id()).isEqualTo("/12/dst/d");
        assertThat(tree(t.root.resolve("dst"))).containsExactly("d/", "d/only.txt", "d/other.txt", "d/sub/",
                "d/sub/y(1).txt", "d/sub/y.txt", "d/sub/z.txt", "d/x(1).txt", "d/x.txt");
        assertThat(read(t.root.resolve("dst/d/x(1).txt"))).isEqualTo("new x");
        assertThat(read(t.root.resolve("dst/d/x.txt"))).isEqualTo("old x");
        assertThat(read(t.root.resolve("dst/d/sub/y(1).txt"))).isEqualTo("new y");
        assertThat(tree(t.root.resolve("src"))).isEmpty();
    }

    @Test
    void mergeRenameOfAFileIsRename() throws Exception {
        t.write("a.txt", "new");
        t.write("to/a.txt", "old");
        assertThat(ops.move(t.drive, "/12/a.txt", t.drive, "/12/to/a.txt", ConflictPolicy.MERGE_RENAME).id())
                .isEqualTo("/12/to/a(1).txt");
    }

    @Test
    void mergeRenameOfAFolderOntoAFileIsRename() throws Exception {
        t.write("d/f", "F");
        t.write("to/d", "file");
        assertThat(ops.move(t.drive, "/12/d", t.drive, "/12/to/d", ConflictPolicy.MERGE_RENAME).id())
                .isEqualTo("/12/to/d(1)");
    }

    @Test
    void movingOntoItselfChangesNothingUnlessRejected() throws Exception {
        t.write("d/f", "F");
        for (ConflictPolicy policy : new ConflictPolicy[] {ConflictPolicy.RENAME, ConflictPolicy.REPLACE,
                ConflictPolicy.MERGE_RENAME}) {
            assertThat(ops.move(t.drive, "/12/d", t.drive, "/12/d", policy).id()).isEqualTo("/12/d");
            assertThat(tree(t.root)).containsExactly("d/", "d/f");
        }
        assertThat(failure(() -> ops.move(t.drive, "/12/d", t.drive, "/12/d", ConflictPolicy.REJECT)).status())
                .isEqualTo(409);
    }

    @Test
    void aMissingSourceIsNotFound() {
        ApiException error = failure(() -> ops.move(t.drive, "/12/nope", t.drive, "/12/x", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/nope");
    }

    @Test
    void aMissingDestinationFolderIsNotFound() throws Exception {
        t.write("a.txt", "A");
        ApiException error = failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/no/a.txt", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/no");
    }

    @Test
    void theDriveItselfCanNeitherMoveNorBeReplaced() throws Exception {
        t.write("a.txt", "A");
        assertThat(failure(() -> ops.move(t.drive, "/12", t.drive, "/12/x", ConflictPolicy.RENAME)).status()).isEqualTo(400);
        assertThat(failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12", ConflictPolicy.REPLACE)).status())
                .isEqualTo(400);
        assertThat(read(t.root.resolve("a.txt"))).isEqualTo("A");
    }

    @Test
    void pathsOfAnotherDriveThanTheOneGivenAreForbidden() throws Exception {
        t.write("a.txt", "A");
        assertThat(failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/13/a.txt", ConflictPolicy.RENAME)).status())
                .isEqualTo(403);
        assertThat(failure(() -> ops.move(t.drive, "/13/a.txt", t.drive13, "/13/b.txt", ConflictPolicy.RENAME)).status())
                .isEqualTo(403);
    }

    @Test
    void badDestinationNamesAreRefused() throws Exception {
        t.write("a.txt", "A");
        for (String bad : new String[] {"/12/..", "/12/x/..", "/12/a\u0000", "/12/" + "b".repeat(256)}) {
            assertThat(failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, bad, ConflictPolicy.RENAME)).status())
                    .isEqualTo(400);
        }
        assertThat(tree(t.root)).containsExactly("a.txt");
    }

    @Test
    void anUnknownPolicyIsABadRequestThroughFileCalls() {
        assertThat(failure(() -> ConflictPolicy.of("SKIP")).why()).contains("conflictPolicy");
    }
}
