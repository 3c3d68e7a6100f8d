package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN 4.8 for the calls that change files: neither a source nor a destination is reached through a symlink (so
 * none reaches outside the drive), and a symlink is moved, copied or deleted as the link itself.
 */
class MutationConfinementTest {
    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
        Files.createSymbolicLink(t.root.resolve("out"), t.outside);
        t.write("a.txt", "A");
    }

    private void refusedAsLink(ThrowingCallable call, String path) {
        ApiException error = failure(call);
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: " + path + " is a symbolic link, and file calls do not "
                + "follow links");
    }

    @Test
    void noDestinationBehindALinkOut() throws Exception {
        refusedAsLink(() -> ops.createFolder(t.drive, "/12/out/new", ConflictPolicy.RENAME), "/12/out");
        refusedAsLink(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/out/a.txt", ConflictPolicy.RENAME), "/12/out");
        refusedAsLink(() -> ops.copy(t.drive, "/12/a.txt", t.drive, "/12/out/a.txt", ConflictPolicy.RENAME), "/12/out");
        refusedAsLink(() -> ops.copy(t.drive, "/12/a.txt", t.drive, "/12/out/deeper/a.txt", ConflictPolicy.RENAME),
                "/12/out");
        assertThat(tree(t.outside)).containsExactly("passwd");
        assertThat(read(t.root.resolve("a.txt"))).isEqualTo("A");
    }

    @Test
    void noSourceBehindALinkOut() {
        refusedAsLink(() -> ops.move(t.drive, "/12/out/passwd", t.drive, "/12/stolen", ConflictPolicy.RENAME), "/12/out");
        refusedAsLink(() -> ops.copy(t.drive, "/12/out/passwd", t.drive, "/12/stolen", ConflictPolicy.RENAME), "/12/out");
        refusedAsLink(() -> ops.trash(t.drive, "/12/out/passwd"), "/12/out");
        refusedAsLink(() -> ops.delete(t.drive, "/12/out/passwd"), "/12/out");
        assertThat(t.root.resolve("stolen")).doesNotExist();
        assertThat(read(t.outside.resolve("passwd"))).isEqualTo("sentinel");
    }

    @Test
    void aLinkChainThatEndsOutsideIsRefusedToo() throws Exception {
        Files.createDirectories(t.root.resolve("sub"));
        Files.createSymbolicLink(t.root.resolve("sub/middle"), Path.of("../out"));
        refusedAsLink(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/sub/middle/a.txt", ConflictPolicy.RENAME),
                "/12/sub/middle");
    }

    @Test
    void aLinkThatStaysInsideIsNotFollowedEither() throws Exception {
        Files.createDirectories(t.root.resolve("real"));
        Files.createSymbolicLink(t.root.resolve("alias"), Path.of("real"));
        refusedAsLink(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/alias/a.txt", ConflictPolicy.RENAME),
                "/12/alias");
        refusedAsLink(() -> ops.createFolder(t.drive, "/12/alias/new", ConflictPolicy.RENAME), "/12/alias");
        refusedAsLink(() -> ops.copy(t.drive, "/12/a.txt", t.drive, "/12/alias/a.txt", ConflictPolicy.RENAME), "/12/alias");
        assertThat(tree(t.root.resolve("real"))).isEmpty();
    }

    @Test
    void movingALinkMovesTheLinkItself() throws Exception {
        Files.createDirectories(t.root.resolve("sub"));
        ops.move(t.drive, "/12/out", t.drive, "/12/sub/out", ConflictPolicy.REJECT);
        assertThat(Files.readSymbolicLink(t.root.resolve("sub/out"))).isEqualTo(t.outside);
        assertThat(tree(t.outside)).containsExactly("passwd");
    }

    @Test
    void copyingALinkToEtcCopiesNothingFromEtc() throws Exception {
        Files.createSymbolicLink(t.root.resolve("etc"), Path.of("/etc"));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/etc", t.drive, "/12/etc-copy", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/etc is a link that leads outside the drive; it was not copied");
        assertThat(t.root.resolve("etc-copy")).doesNotExist();
    }

    @Test
    void aCopiedTreeKeepsLinksInsideAndSkipsLinksOut() throws Exception {
        t.write("src/data.txt", "D");
        Files.createSymbolicLink(t.root.resolve("src/etc"), Path.of("/etc"));
        Files.createSymbolicLink(t.root.resolve("src/up"), Path.of("../../outside/passwd"));
        Files.createSymbolicLink(t.root.resolve("src/near"), Path.of("data.txt"));
        Files.createSymbolicLink(t.root.resolve("src/sibling"), Path.of("../a.txt"));
        FileOperations.Outcome outcome = ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT);
        assertThat(outcome.notCopied()).containsExactlyInAnyOrder("/12/src/etc", "/12/src/up");
        assertThat(tree(t.root.resolve("dst"))).containsExactly("data.txt", "near -> data.txt", "sibling -> ../a.txt");
    }

    @Test
    void aLinkThatStaysInsideIsCopiedAsALink() throws Exception {
        Files.createSymbolicLink(t.root.resolve("shortcut"), Path.of("a.txt"));
        ops.copy(t.drive, "/12/shortcut", t.drive, "/12/shortcut2", ConflictPolicy.REJECT);
        assertThat(Files.readSymbolicLink(t.root.resolve("shortcut2"))).isEqualTo(Path.of("a.txt"));
    }

    @Test
    void aLinkIntoAnotherDriveIsNotCopiedThere() throws Exception {
        Files.createSymbolicLink(t.root.resolve("abs"), t.root.resolve("a.txt"));
        ApiException error = failure(() -> ops.copy(t.drive, "/12/abs", t.drive13, "/13/abs", ConflictPolicy.RENAME));
        assertThat(error.status()).isEqualTo(403);
        assertThat(tree(t.root13)).isEqualTo(List.of());
    }

    @Test
    void errorsNeverNameLocalPaths() {
        List<ApiException> errors = List.of(
                failure(() -> ops.move(t.drive, "/12/nope", t.drive, "/12/x", ConflictPolicy.RENAME)),
                failure(() -> ops.copy(t.drive, "/12/out/passwd", t.drive, "/12/x", ConflictPolicy.RENAME)),
                failure(() -> ops.delete(t.drive, "/12/a.txt/x")),
                failure(() -> ops.move(t.drive, "/12/a.txt", t.drive, "/12/a.txt", ConflictPolicy.REJECT)));
        assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(t.base.toString()));
    }
}
