package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where each file of an upload goes: the target of a FILE upload, or a confined relative path inside a FOLDER. */
class UploadDestinationTest {
    @TempDir
    Path temp;
    UploadFixture t;
    UploadSession folder;

    @BeforeEach
    void drive() throws Exception {
        t = new UploadFixture(temp);
        t.folder("docs");
        folder = t.session(t.uploadFolder("/12/docs/up", "RENAME"));
    }

    @Test
    void aFileUploadGoesToItsTargetAndHasNoInside() {
        UploadSession file = t.session(t.uploadFile("/12/docs/new.txt", "REJECT"));

        assertThat(file.destination("")).isEqualTo(new Destination(t.drive, t.root.resolve("docs"), "/12/docs", "new.txt",
                ConflictPolicy.REJECT));
        assertThat(file.destination(null).ucloudPath()).isEqualTo("/12/docs/new.txt");
        assertThat(failure(() -> file.destination("x.txt")).status()).isEqualTo(400);
    }

    @Test
    void aPathInsideAFolderCreatesItsFoldersOneAtATime() {
        Destination destination = folder.destination("sub/dir/x.txt");

        assertThat(destination.directory()).isEqualTo(t.root.resolve("docs/up/sub/dir")).isEmptyDirectory();
        assertThat(destination.name()).isEqualTo("x.txt");
        assertThat(destination.ucloudPath()).isEqualTo("/12/docs/up/sub/dir/x.txt");
        assertThat(destination.policy()).isEqualTo(ConflictPolicy.REPLACE);
        assertThat(folder.destination("sub/y.txt").directory()).isEqualTo(t.root.resolve("docs/up/sub"));
        assertThat(folder.destination("top.txt").directory()).isEqualTo(t.root.resolve("docs/up"));
    }

    @Test
    void filesInAFolderMergedWithMergeRenameAreRenamedWhenTaken() throws Exception {
        t.file("docs/up/a.txt", new byte[] {1});
        UploadSession merging = t.session(t.uploadFolder("/12/docs/up", "MERGE_RENAME"));

        Destination destination = merging.destination("a.txt");
        assertThat(destination.policy()).isEqualTo(ConflictPolicy.RENAME);
        PartialFile file = PartialFile.create(destination, t.service.newUploadId());
        file.write(ByteBuffer.wrap(new byte[] {2}));
        assertThat(file.commit(null)).isEqualTo("/12/docs/up/a(1).txt");
        assertThat(t.root.resolve("docs/up/a.txt")).hasBinaryContent(new byte[] {1});
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x.txt", "sub/../../x.txt", "./x.txt", "sub//x.txt", "sub/", "a\u0000b",
        "sub/.", "a\nb"})
    void badRelativePathsAreRefusedWith400AndCreateNothing(String relPath) throws Exception {
        ApiException error = failure(() -> folder.destination(relPath));

        assertThat(error.status()).isEqualTo(400);
        assertThat(t.listing()).containsExactly("docs", "docs/up");
    }

    @Test
    void overLongNamesAndPathsAreRefused() {
        assertThat(failure(() -> folder.destination("x".repeat(256))).status()).isEqualTo(400);
        assertThat(failure(() -> folder.destination(("d".repeat(200) + "/").repeat(21) + "x")).status()).isEqualTo(400);
        assertThat(folder.destination("x".repeat(255)).name()).hasSize(255);
    }

    @Test
    void aBackslashIsAnOrdinaryCharacter() {
        assertThat(folder.destination("a\\b.txt").name()).isEqualTo("a\\b.txt");
    }

    @Test
    void aLinkOnTheWayIsRefusedEvenWhenItStaysInsideTheDrive() throws Exception {
        Path outside = Files.createDirectory(t.base.resolve("outside"));
        Files.createSymbolicLink(t.root.resolve("docs/up/out"), outside);
        Files.createSymbolicLink(t.root.resolve("docs/up/in"), t.root.resolve("docs"));

        ApiException out = failure(() -> folder.destination("out/sub/x.txt"));
        assertThat(out.status()).isEqualTo(403);
        assertThat(out.why()).isEqualTo("Permission denied: /12/docs/up/out is a symbolic link; uploads never follow links");
        assertThat(failure(() -> folder.destination("in/x.txt")).status()).isEqualTo(403);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aFileOnTheWayIs409() throws Exception {
        t.file("docs/up/a.txt", new byte[] {1});

        ApiException error = failure(() -> folder.destination("a.txt/x.txt"));
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file is in the way of the folder /12/docs/up/a.txt");
    }

    @Test
    void theUploadedFolderSwappedForALinkIsRefused() throws Exception {
        Path outside = Files.createDirectory(t.base.resolve("outside"));
        Files.delete(t.root.resolve("docs/up"));
        Files.createSymbolicLink(t.root.resolve("docs/up"), outside);

        assertThat(failure(() -> folder.destination("sub/x.txt")).status()).isEqualTo(403);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void theUploadedFolderDeletedIs404() throws Exception {
        Files.delete(t.root.resolve("docs/up"));

        assertThat(failure(() -> folder.destination("sub/x.txt")).status()).isEqualTo(404);
    }
}
