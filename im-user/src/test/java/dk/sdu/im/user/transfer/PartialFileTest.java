package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision 3: a file is written under a hidden temporary name and appears under its own only when complete. */
class PartialFileTest {
    static final String ID = "0123456789abcdef";

    @TempDir
    Path temp;
    UploadFixture t;
    Path docs;

    @BeforeEach
    void drive() throws Exception {
        t = new UploadFixture(temp);
        docs = t.folder("docs");
    }

    Destination destination(String name, ConflictPolicy policy) {
        return new Destination(t.drive, docs, "/12/docs", name, policy);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void partialFileIsHiddenInTheDestinationFolderPrivateAndTheNameStaysFree() throws Exception {
        try (PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID)) {
            file.write(ByteBuffer.wrap(bytes("hello")));

            Path partial = docs.resolve(".new.txt.upload-" + ID);
            assertThat(t.listing()).containsExactly("docs", "docs/.new.txt.upload-" + ID);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partial))).isEqualTo("rw-------");
            assertThat(partial).hasContent("hello");
            assertThat(file.position()).isEqualTo(5);
        }
    }

    @Test
    void commitPutsTheFileInPlaceWithTheModeANewFileGetsAndTheGivenTime() throws Exception {
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(t.base.resolve("probe")));
        Instant modified = Instant.parse("2024-01-02T03:04:05Z");
        PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID);
        file.transferFrom(new ByteArrayInputStream(bytes("hello world")), 5);
        file.write(ByteBuffer.wrap(bytes("!")));

        assertThat(file.commit(modified)).isEqualTo("/12/docs/new.txt");

        Path placed = docs.resolve("new.txt");
        assertThat(placed).hasContent("hello!");
        assertThat(Files.getPosixFilePermissions(placed)).isEqualTo(usual);
        assertThat(Files.getLastModifiedTime(placed).toInstant()).isEqualTo(modified);
        assertThat(t.listing()).containsExactly("docs", "docs/new.txt");
    }

    @Test
    void transferFromStopsAtTheEndOfItsSourceAndAtTheCount() throws Exception {
        try (PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID)) {
            assertThat(file.transferFrom(new ByteArrayInputStream(bytes("abc")), 10)).isEqualTo(3);
            assertThat(file.transferFrom(new ByteArrayInputStream(bytes("defgh")), 2)).isEqualTo(2);
            assertThat(file.position()).isEqualTo(5);
            assertThat(docs.resolve(".new.txt.upload-" + ID)).hasContent("abcde");
        }
    }

    @Test
    void bytesBeforeAFailingSourceStayWritten() throws Exception {
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 3) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        try (PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> file.transferFrom(failing, 10)))
                    .isInstanceOf(IOException.class);
            assertThat(file.position()).isEqualTo(3);
        }
    }

    @Test
    void truncateToCutsBackForAResend() throws Exception {
        PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID);
        file.write(ByteBuffer.wrap(bytes("abcdef")));
        file.truncateTo(2);
        file.write(ByteBuffer.wrap(bytes("XY")));
        file.commit(null);

        assertThat(docs.resolve("new.txt")).hasContent("abXY");
    }

    @Test
    void closedFileIsFoundAgainAtItsEnd() throws Exception {
        PartialFile first = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID);
        first.write(ByteBuffer.wrap(bytes("abc")));
        first.close();

        PartialFile again = PartialFile.reopen(first.stored());
        assertThat(again.position()).isEqualTo(3);
        again.write(ByteBuffer.wrap(bytes("def")));
        again.commit(null);
        assertThat(docs.resolve("new.txt")).hasContent("abcdef");
        assertThat(Files.getPosixFilePermissions(docs.resolve("new.txt"))).isEqualTo(first.stored().finalMode());
    }

    @Test
    void reopenOfAFileThatIsGoneIs404() {
        PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID);
        file.close();
        file.stored().delete();

        assertThat(failure(() -> PartialFile.reopen(file.stored())).status()).isEqualTo(404);
    }

    @Test
    void abortDeletesThePartialFile() throws Exception {
        PartialFile file = PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID);
        file.write(ByteBuffer.wrap(bytes("abc")));

        file.abort();

        assertThat(t.listing()).containsExactly("docs");
    }

    @Test
    void replaceAtCommitReplacesAFileAtomically() throws Exception {
        t.file("docs/a.txt", bytes("old"));
        PartialFile file = PartialFile.create(destination("a.txt", ConflictPolicy.REPLACE), ID);
        file.write(ByteBuffer.wrap(bytes("new")));
        assertThat(docs.resolve("a.txt")).hasContent("old");

        assertThat(file.commit(null)).isEqualTo("/12/docs/a.txt");
        assertThat(docs.resolve("a.txt")).hasContent("new");
        assertThat(t.listing()).containsExactly("docs", "docs/a.txt");
    }

    @Test
    void replaceAtCommitReplacesALinkItselfNeverWhatItPointsTo() throws Exception {
        Path outside = Files.writeString(t.base.resolve("outside.txt"), "untouched");
        Files.createSymbolicLink(docs.resolve("a.txt"), outside);
        PartialFile file = PartialFile.create(destination("a.txt", ConflictPolicy.REPLACE), ID);
        file.write(ByteBuffer.wrap(bytes("new")));

        file.commit(null);

        assertThat(outside).hasContent("untouched");
        assertThat(Files.isSymbolicLink(docs.resolve("a.txt"))).isFalse();
        assertThat(docs.resolve("a.txt")).hasContent("new");
    }

    @Test
    void replaceAtCommitRefusesAFolderThatAppearedAndDeletesThePartialFile() throws Exception {
        PartialFile file = PartialFile.create(destination("a", ConflictPolicy.REPLACE), ID);
        t.folder("docs/a");

        ApiException error = failure(() -> file.commit(null));

        assertThat(error.status()).isEqualTo(409);
        assertThat(t.listing()).containsExactly("docs", "docs/a");
    }

    @Test
    void rejectAtCommitRefusesANameTakenMeanwhileAndDeletesThePartialFile() throws Exception {
        PartialFile file = PartialFile.create(destination("a.txt", ConflictPolicy.REJECT), ID);
        file.write(ByteBuffer.wrap(bytes("new")));
        t.file("docs/a.txt", bytes("theirs"));

        ApiException error = failure(() -> file.commit(null));

        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/docs/a.txt");
        assertThat(docs.resolve("a.txt")).hasContent("theirs");
        assertThat(t.listing()).containsExactly("docs", "docs/a.txt");
    }

    @Test
    void renameAtCommitTakesTheNextFreeNameWhenTakenMeanwhile() throws Exception {
        PartialFile file = PartialFile.create(destination("a.txt", ConflictPolicy.RENAME), ID);
        file.write(ByteBuffer.wrap(bytes("new")));
        t.file("docs/a.txt", bytes("theirs"));
        t.file("docs/a(1).txt", bytes("theirs too"));

        assertThat(file.commit(null)).isEqualTo("/12/docs/a(2).txt");
        assertThat(docs.resolve("a(2).txt")).hasContent("new");
        assertThat(docs.resolve("a.txt")).hasContent("theirs");
    }

    @Test
    void folderSwappedForALinkWhileWritingLeadsNowhere() throws Exception {
        Path outside = Files.createDirectory(t.base.resolve("outside"));
        Path in = t.folder("docs/in");
        var destination = new Destination(t.drive, in, "/12/docs/in", "x.txt", ConflictPolicy.REJECT);
        PartialFile file = PartialFile.create(destination, ID);
        file.write(ByteBuffer.wrap(bytes("abc")));
        Files.move(in, docs.resolve("moved"));
        Files.createSymbolicLink(in, outside);

        file.commit(null);

        assertThat(outside).isEmptyDirectory();
        assertThat(docs.resolve("moved/x.txt")).hasContent("abc");
    }

    @Test
    void reopenThroughAFolderSwappedForALinkIsRefused() throws Exception {
        Path outside = Files.createDirectory(t.base.resolve("outside"));
        Path in = t.folder("docs/in");
        PartialFile file = PartialFile.create(new Destination(t.drive, in, "/12/docs/in", "x.txt", ConflictPolicy.REJECT), ID);
        file.close();
        Files.move(in, docs.resolve("moved"));
        Files.createSymbolicLink(in, outside);
        Files.writeString(outside.resolve(".x.txt.upload-" + ID), "planted");

        assertThat(failure(() -> PartialFile.reopen(file.stored())).status()).isEqualTo(409);
        assertThat(outside.resolve(".x.txt.upload-" + ID)).hasContent("planted");
    }

    @Test
    void aLinkPlantedUnderThePartialNameIsNotFollowed() throws Exception {
        Path outside = Files.writeString(t.base.resolve("victim.txt"), "untouched");
        Files.createSymbolicLink(docs.resolve(".new.txt.upload-" + ID), outside);

        assertThat(failure(() -> PartialFile.create(destination("new.txt", ConflictPolicy.REJECT), ID)).status()).isEqualTo(409);
        assertThat(outside).hasContent("untouched");
        assertThat(Files.isSymbolicLink(docs.resolve(".new.txt.upload-" + ID))).isTrue();
    }

    @Test
    void temporaryNameOfALongNameStaysWithin255Bytes() {
        String name = "\u00e9".repeat(127); // 254 bytes
        String partial = PartialFile.tempName(name, ID);

        assertThat(partial.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(partial).startsWith(".\u00e9").endsWith(".upload-" + ID);
        try (PartialFile file = PartialFile.create(destination(name, ConflictPolicy.REJECT), ID)) {
            assertThat(docs.resolve(partial)).exists();
        }
    }

    @Test
    void existingSeesWhatIsAtTheNameWithoutFollowingLinks() throws Exception {
        t.file("docs/a.txt", bytes("12345"));
        Files.createSymbolicLink(docs.resolve("link"), docs.resolve("a.txt"));

        assertThat(destination("a.txt", ConflictPolicy.REPLACE).existing()).hasValueSatisfying(a -> assertThat(a.size()).isEqualTo(5));
        assertThat(destination("link", ConflictPolicy.REPLACE).existing()).hasValueSatisfying(a -> assertThat(a.isSymbolicLink()).isTrue());
        assertThat(destination("none", ConflictPolicy.REPLACE).existing()).isEmpty();
        assertThat(Files.exists(docs.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
