package dk.sdu.im.user.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one output file of a job folder as it grows, chunk by chunk. */
class FollowedFileTest {
    private static final int CHUNK = 16;
    @TempDir
    Path temp;
    private Path folder;
    private FollowFolder open;
    private FollowedFile file;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createDirectory(temp.toRealPath().resolve("job"));
        open = FollowFolder.open(folder);
        file = new FollowedFile(open, FollowOutput.STDOUT, CHUNK);
    }

    @AfterEach
    void close() throws IOException {
        file.close();
        open.close();
    }

    @Test
    void multiByteCharactersAcrossChunkBoundariesArriveWholeInChunksOfAtMostTheChunkSize() throws Exception {
        String text = "ÆØÅ😀 æøå abc 漢字".repeat(50);
        Files.writeString(stdout(), text);

        List<String> chunks = readAll();

        assertThat(String.join("", chunks)).isEqualTo(text).doesNotContain("\uFFFD");
        assertThat(chunks).hasSizeGreaterThan(text.getBytes(StandardCharsets.UTF_8).length / CHUNK - 1)
                .allSatisfy(chunk -> assertThat(chunk.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CHUNK));
    }

    @Test
    void aMissingFileIsLookedForAgainAndThenReadFromItsStart() throws Exception {
        assertThat(file.next()).isEmpty();
        Files.writeString(stdout(), "hello\n");

        assertThat(readAll()).containsExactly("hello\n");
    }

    @Test
    void onlyNewBytesFollowWhatWasRead() throws Exception {
        Files.writeString(stdout(), "one\n");
        assertThat(readAll()).containsExactly("one\n");
        Files.writeString(stdout(), "two\n", StandardOpenOption.APPEND);

        assertThat(readAll()).containsExactly("two\n");
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
        Files.writeString(stdout(), "a long first line\n");
        readAll();
        Files.writeString(stdout(), "short\n");

        assertThat(readAll()).containsExactly("short\n");
    }

    @Test
    void aReplacedFileIsReadToItsEndThenTheNewOneFromItsStart() throws Exception {
        Files.writeString(stdout(), "old\n");
        readAll();
        Files.writeString(stdout(), "old end\n", StandardOpenOption.APPEND);
        Path fresh = Files.writeString(folder.resolve("fresh"), "a much longer new file\n");
        Files.move(fresh, stdout(), StandardCopyOption.ATOMIC_MOVE);

        assertThat(String.join("", readAll())).isEqualTo("old end\na much longer new file\n");
    }

    @Test
    void anIncompleteLastCharacterIsKeptUntilTheEndThenShownAsReplacement() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        Files.write(stdout(), new byte[] {'x', euro[0], euro[1]});

        assertThat(readAll()).containsExactly("x");
        assertThat(file.rest()).hasValueSatisfying(rest -> assertThat(rest).contains("\uFFFD").doesNotContain("x"));
        assertThat(file.rest()).isEmpty();
    }

    @Test
    void aSymlinkIsNeverOpened() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret"), "secret\n");
        Files.createSymbolicLink(stdout(), secret);

        assertThatThrownBy(file::next).isInstanceOf(FollowFolder.NotRegularFile.class);
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        int made = new ProcessBuilder("mkfifo", stdout().toString()).start().waitFor();
        assumeFalse(made != 0, "mkfifo is not available");

        assertThatThrownBy(file::next).isInstanceOf(FollowFolder.NotRegularFile.class);
    }

    @Test
    void aFolderSwappedForALinkAfterItWasOpenedIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve(JobSubmitter.STDOUT), "elsewhere\n");
        Files.move(folder, temp.resolve("moved"));
        Files.createSymbolicLink(folder, elsewhere);
        Files.writeString(temp.resolve("moved").resolve(JobSubmitter.STDOUT), "the job's own\n");

        assertThat(readAll()).containsExactly("the job's own\n");
    }

    private Path stdout() {
        return folder.resolve(JobSubmitter.STDOUT);
    }

    /** Every chunk there is now. */
    private List<String> readAll() throws IOException {
        List<String> chunks = new ArrayList<>();
        for (Optional<String> chunk = file.next(); chunk.isPresent(); chunk = file.next()) {
            chunks.add(chunk.get());
        }
        return chunks;
    }
}
