package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.BrowseOptions;
import dk.sdu.im.api.wire.Files.ProviderFile;
import dk.sdu.im.api.wire.Files.RetrieveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trash and emptyTrash (contract 3.4.3), and how the trash folder is listed (5.3). */
class TrashTest {
    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;
    final FileBrowser browser = new FileBrowser();

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
    }

    private List<ProviderFile> browse(String path) {
        return browser.browse(t.drive, new BrowseOptions(TestDrive.flags(path), null, null, null, null)).items();
    }

    @Test
    void trashMovesTheEntryIntoATrashFolderCreatedWithMode700() throws Exception {
        t.write("data/report.txt", "R");
        FileOperations.Outcome outcome = ops.trash(t.drive, "/12/data/report.txt");
        assertThat(outcome.id()).isEqualTo("/12/Trash/report.txt");
        assertThat(t.root.resolve("data/report.txt")).doesNotExist();
        assertThat(read(t.root.resolve("Trash/report.txt"))).isEqualTo("R");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.root.resolve("Trash"))))
                .isEqualTo("rwx------");
    }

    @Test
    void theTrashFolderIsListedWithTheTrashIcon() throws Exception {
        t.write("a.txt", "A");
        Files.createDirectories(t.root.resolve("data/Trash"));
        ops.trash(t.drive, "/12/a.txt");
        List<ProviderFile> listed = browse("/12");
        assertThat(listed).extracting(ProviderFile::id).containsExactly("/12/Trash", "/12/data");
        assertThat(listed.getFirst().status().icon()).isEqualTo("DIRECTORY_TRASH");
        assertThat(listed.getFirst().status().type()).isEqualTo("DIRECTORY");
        assertThat(listed.get(1).status().icon()).isEmpty();
        assertThat(browse("/12/data").getFirst().status().icon()).isEmpty();
        assertThat(browser.retrieve(t.drive, new RetrieveOptions(null, "/12/Trash")).status().icon())
                .isEqualTo("DIRECTORY_TRASH");
        assertThat(browse("/12/Trash")).extracting(ProviderFile::id).containsExactly("/12/Trash/a.txt");
    }

    @Test
    void aFileNamedTrashGetsNoTrashIcon() throws Exception {
        t.write("Trash", "not a folder");
        assertThat(browse("/12").getFirst().status().icon()).isEmpty();
    }

    @Test
    void trashingATakenNameRenamesItInTheTrash() throws Exception {
        for (int i = 0; i < 3; i++) {
            t.write("a.txt", "version " + i);
            Files.createDirectories(t.root.resolve("dir"));
            ops.trash(t.drive, "/12/a.txt");
            ops.trash(t.drive, "/12/dir");
        }
        assertThat(tree(t.root.resolve("Trash"))).containsExactly("a(1).txt", "a(2).txt", "a.txt", "dir(1)/", "dir(2)/",
                "dir/");
        assertThat(read(t.root.resolve("Trash/a(2).txt"))).isEqualTo("version 2");
    }

    @Test
    void theTrashAndWhatIsInItCannotBeTrashed() throws Exception {
        t.write("a.txt", "A");
        ops.trash(t.drive, "/12/a.txt");
        ApiException trash = failure(() -> ops.trash(t.drive, "/12/Trash"));
        assertThat(trash.status()).isEqualTo(400);
        assertThat(trash.why()).contains("empty it instead");
        ApiException inside = failure(() -> ops.trash(t.drive, "/12/Trash/a.txt"));
        assertThat(inside.status()).isEqualTo(400);
        assertThat(inside.why()).isEqualTo("/12/Trash/a.txt is already in the trash; delete it permanently instead");
    }

    @Test
    void trashingIsRefusedWhileTrashIsNotAFolder() throws Exception {
        t.write("Trash", "a file");
        t.write("a.txt", "A");
        ApiException error = failure(() -> ops.trash(t.drive, "/12/a.txt"));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).startsWith("/12/Trash is not a folder");
        assertThat(read(t.root.resolve("a.txt"))).isEqualTo("A");
    }

    @Test
    void aTrashThatIsALinkIsNeverFollowed() throws Exception {
        Files.createSymbolicLink(t.root.resolve("Trash"), t.outside);
        t.write("a.txt", "A");
        assertThat(failure(() -> ops.trash(t.drive, "/12/a.txt")).status()).isEqualTo(409);
        assertThat(failure(() -> ops.emptyTrash(t.drive, "/12/Trash")).status()).isEqualTo(409);
        assertThat(tree(t.outside)).containsExactly("passwd");
    }

    @Test
    void emptyTrashDeletesWhatTheTrashHoldsAndKeepsTheFolder() throws Exception {
        t.write("a.txt", "A");
        t.write("dir/deep/b.txt", "B");
        ops.trash(t.drive, "/12/a.txt");
        ops.trash(t.drive, "/12/dir");
        FileOperations.Outcome outcome = ops.emptyTrash(t.drive, "/12/Trash");
        assertThat(outcome.inBackground()).isFalse();
        assertThat(t.root.resolve("Trash")).isDirectory();
        assertThat(tree(t.root.resolve("Trash"))).isEmpty();
    }

    @Test
    void emptyTrashAcceptsOnlyTheTrashFolder() throws Exception {
        t.write("data/a.txt", "A");
        for (String id : new String[] {"/12/data", "/12", "/12/Trash/x", "/12/trash"}) {
            ApiException error = failure(() -> ops.emptyTrash(t.drive, id));
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.why()).startsWith("Only the trash folder /12/Trash can be emptied");
        }
        assertThat(read(t.root.resolve("data/a.txt"))).isEqualTo("A");
    }

    @Test
    void emptyingAMissingTrashDoesNothing() {
        assertThat(ops.emptyTrash(t.drive, "/12/Trash").inBackground()).isFalse();
        assertThat(t.root.resolve("Trash")).doesNotExist();
    }

    @Test
    void trashingALinkMovesTheLinkOnly() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), t.outside);
        ops.trash(t.drive, "/12/etc");
        assertThat(Files.readSymbolicLink(t.root.resolve("Trash/etc"))).isEqualTo(t.outside);
        ops.emptyTrash(t.drive, "/12/Trash");
        assertThat(tree(t.outside)).containsExactly("passwd");
        assertThat(read(t.outside.resolve("passwd"))).isEqualTo("sentinel");
    }
}
