package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permanent delete (decision 6, contract 3.4.3): files, trees and links, never through a link. */
class DeleteTest {
    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
    }

    @Test
    void deletesAFile() throws Exception {
        t.write("a.txt", "A");
        t.write("b.txt", "B");
        FileOperations.Outcome outcome = ops.delete(t.drive, "/12/a.txt");
        assertThat(outcome.id()).isEqualTo("/12/a.txt");
        assertThat(outcome.inBackground()).isFalse();
        assertThat(tree(t.root)).containsExactly("b.txt");
    }

    @Test
    void deletesAWholeTreeWithReadOnlyFilesInIt() throws Exception {
        t.write("dir/a/b/c.txt", "C");
        Path readOnly = t.write("dir/a/ro.txt", "RO");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        Files.createDirectories(t.root.resolve("dir/empty"));
        t.write("keep.txt", "K");
        ops.delete(t.drive, "/12/dir");
        assertThat(tree(t.root)).containsExactly("keep.txt");
    }

    @Test
    void aMissingFileIsNotFound() {
        ApiException error = failure(() -> ops.delete(t.drive, "/12/nope"));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/nope");
    }

    @Test
    void theDriveItselfCannotBeDeleted() throws Exception {
        t.write("a.txt", "A");
        for (String id : new String[] {"/12", "/12/"}) {
            assertThat(failure(() -> ops.delete(t.drive, id)).status()).isEqualTo(400);
        }
        assertThat(tree(t.root)).containsExactly("a.txt");
    }

    @Test
    void deletingALinkToAFolderOutsideDeletesOnlyTheLink() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), t.outside);
        ops.delete(t.drive, "/12/etc");
        assertThat(t.root.resolve("etc")).doesNotExist();
        assertThat(read(t.outside.resolve("passwd"))).isEqualTo("sentinel");
    }

    @Test
    void deletingATreeWithLinksOutDeletesOnlyTheLinks() throws Exception {
        t.write("dir/a.txt", "A");
        Files.createSymbolicLink(t.root.resolve("dir/etc"), t.outside);
        Files.createSymbolicLink(t.root.resolve("dir/passwd"), t.outside.resolve("passwd"));
        ops.delete(t.drive, "/12/dir");
        assertThat(tree(t.root)).isEmpty();
        assertThat(tree(t.outside)).containsExactly("passwd");
        assertThat(read(t.outside.resolve("passwd"))).isEqualTo("sentinel");
    }

    @Test
    void nothingIsDeletedThroughALinkOut() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), t.outside);
        ApiException error = failure(() -> ops.delete(t.drive, "/12/etc/passwd"));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/etc is a symbolic link, and file calls do not follow links");
        assertThat(read(t.outside.resolve("passwd"))).isEqualTo("sentinel");
    }

    @Test
    void nothingIsDeletedThroughALinkInsideTheDriveEither() throws Exception {
        t.write("real/a.txt", "A");
        Files.createSymbolicLink(t.root.resolve("alias"), Path.of("real"));
        assertThat(failure(() -> ops.delete(t.drive, "/12/alias/a.txt")).status()).isEqualTo(403);
        assertThat(tree(t.root)).containsExactly("alias -> real", "real/", "real/a.txt");
    }

    @Test
    void anotherDrivesFileIsForbidden() throws Exception {
        MutationDrives.write(t.root13, "a.txt", "A");
        assertThat(failure(() -> ops.delete(t.drive, "/13/a.txt")).status()).isEqualTo(403);
        assertThat(t.root13.resolve("a.txt")).exists();
    }
}
