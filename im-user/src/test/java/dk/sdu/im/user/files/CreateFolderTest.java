package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** createFolder (contract 3.4.3) under every conflict policy, and the names it refuses. */
class CreateFolderTest {
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
    void createsAFolderInAnExistingFolder() throws Exception {
        Files.createDirectory(t.root.resolve("data"));
        FileOperations.Outcome outcome = ops.createFolder(t.drive, "/12/data/new", ConflictPolicy.REJECT);
        assertThat(outcome.id()).isEqualTo("/12/data/new");
        assertThat(outcome.inBackground()).isFalse();
        assertThat(t.root.resolve("data/new")).isDirectory();
    }

    @Test
    void rejectRefusesATakenNameWith409() throws Exception {
        Files.createDirectory(t.root.resolve("new"));
        ApiException error = failure(() -> ops.createFolder(t.drive, "/12/new", ConflictPolicy.REJECT));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/new");
    }

    @Test
    void renameCreatesTheNextFreeName() throws Exception {
        Files.createDirectory(t.root.resolve("new"));
        Files.createFile(t.root.resolve("new(1)"));
        assertThat(ops.createFolder(t.drive, "/12/new", ConflictPolicy.RENAME).id()).isEqualTo("/12/new(2)");
        assertThat(t.root.resolve("new(2)")).isDirectory();
    }

    @Test
    void replaceAndMergeKeepAnExistingFolderWithItsContents() throws Exception {
        t.write("new/keep.txt", "kept");
        assertThat(ops.createFolder(t.drive, "/12/new", ConflictPolicy.REPLACE).id()).isEqualTo("/12/new");
        assertThat(ops.createFolder(t.drive, "/12/new", ConflictPolicy.MERGE_RENAME).id()).isEqualTo("/12/new");
        assertThat(read(t.root.resolve("new/keep.txt"))).isEqualTo("kept");
    }

    @Test
    void replaceTurnsAFileIntoAFolderAndMergeRenamesBesideIt() throws Exception {
        t.write("a", "file");
        t.write("b", "file");
        ops.createFolder(t.drive, "/12/a", ConflictPolicy.REPLACE);
        assertThat(t.root.resolve("a")).isDirectory();
        assertThat(ops.createFolder(t.drive, "/12/b", ConflictPolicy.MERGE_RENAME).id()).isEqualTo("/12/b(1)");
        assertThat(t.root.resolve("b")).isRegularFile();
    }

    @Test
    void aMissingParentIsNotFoundAndNamedInTheError() {
        ApiException error = failure(() -> ops.createFolder(t.drive, "/12/no/such/new", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/no/such");
    }

    @Test
    void aParentThatIsAFileIsABadRequest() throws Exception {
        t.write("file.txt", "x");
        ApiException error = failure(() -> ops.createFolder(t.drive, "/12/file.txt/new", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).isEqualTo("Not a directory: /12/file.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/12", "/12/", "/12/..", "/12/a/.", "/12/a\u0000b", "/12/a\nb", "/12/x/../y", "12/new"})
    void badNamesAndTheDriveItselfAreRefusedWith400(String id) {
        ApiException error = failure(() -> ops.createFolder(t.drive, id, ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).doesNotContain(t.base.toString());
    }

    @Test
    void aNameOver255BytesIsRefused() {
        ApiException error = failure(() -> ops.createFolder(t.drive, "/12/" + "\u00e9".repeat(128), ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).contains("255 bytes");
        assertThat(ops.createFolder(t.drive, "/12/" + "\u00e9".repeat(127), ConflictPolicy.RENAME).inBackground()).isFalse();
    }

    @Test
    void anotherDrivesPathIsForbidden() {
        ApiException error = failure(() -> ops.createFolder(t.drive, "/13/new", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(403);
        assertThat(t.root13.resolve("new")).doesNotExist();
    }
}
