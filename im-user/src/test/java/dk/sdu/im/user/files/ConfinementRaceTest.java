package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.read;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.BrowseOptions;
import dk.sdu.im.api.wire.Files.ProviderFile;
import dk.sdu.im.api.wire.Files.RetrieveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, break 1 (DESIGN 4.8): a folder inside the drive is swapped with a symlink to a folder outside it, again
 * and again, by {@link LinkSwapper} (renameat2 RENAME_EXCHANGE, as a shell user with write access to the drive
 * could), while each file call runs {@link #TRIES} times against a path through that folder. Every call must either
 * act inside the drive or be refused; none may list, read, copy, move, trash, delete or create anything outside.
 * The folder outside holds files of the same names as the one inside, with other contents, so that any call
 * that lands there is seen.
 */
class ConfinementRaceTest {
    static final int TRIES = 300;
    private static final String INSIDE = "in";
    private static final String OUTSIDE = "OUTSIDE";

    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;
    final FileBrowser browser = new FileBrowser();
    Path box;
    Path outside;
    LinkSwapper swapper;
    int refused;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
        box = Files.createDirectory(t.root.resolve("box"));
        outside = t.outside;
        Files.writeString(box.resolve("data.txt"), INSIDE);
        Files.writeString(outside.resolve("data.txt"), OUTSIDE);
        Files.writeString(outside.resolve("only-outside.txt"), OUTSIDE);
        t.write("a.txt", INSIDE);
        Files.createDirectories(t.root.resolve("landing"));
    }

    @AfterEach
    void stop() throws Exception {
        if (swapper != null) {
            swapper.close();
            assertThat(swapper.swaps()).as("the swapper raced the calls").isGreaterThan(TRIES);
            assertThat(refused).as("calls that met the link and were refused").isPositive();
        }
    }

    /** Files named {@code prefix-0} to {@code prefix-(TRIES-1)} in {@code folder}, holding {@code content}. */
    private static void files(Path folder, String prefix, String content) throws Exception {
        for (int i = 0; i < TRIES; i++) {
            Files.writeString(folder.resolve(prefix + "-" + i), content);
        }
    }

    private void race() throws Exception {
        swapper = new LinkSwapper(box, t.root.resolve(".box-link"), outside);
    }

    /** Runs {@code call} once the swapper moved on; a refusal (the call met the link) is fine and counted. */
    private void attempt(Runnable call) {
        swapper.awaitNextSwap();
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.status()).as(e.why()).isIn(403, 404, 409);
            refused++;
        }
    }

    private List<String> outsideNames() throws Exception {
        try (Stream<Path> names = Files.list(outside)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void browseNeverListsTheFolderOutside() throws Exception {
        race();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            attempt(() -> browser.browse(t.drive, new BrowseOptions(TestDrive.flags("/12/box"), null, null, null, null))
                    .items().forEach(f -> seen.add(f.id())));
        }
        assertThat(seen).doesNotContain("/12/box/only-outside.txt").contains("/12/box/data.txt");
    }

    @Test
    void retrieveNeverDescribesAFileOutside() throws Exception {
        race();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            attempt(() -> {
                ProviderFile file = browser.retrieve(t.drive, new RetrieveOptions(null, "/12/box/data.txt"));
                sizes.add(file.status().sizeInBytes());
            });
        }
        assertThat(sizes).isNotEmpty().containsOnly((long) INSIDE.length());
    }

    @Test
    void copyNeverReadsAFileOutside() throws Exception {
        race();
        for (int i = 0; i < TRIES; i++) {
            String to = "/12/landing/copy-" + i;
            attempt(() -> ops.copy(t.drive, "/12/box/data.txt", t.drive, to, ConflictPolicy.REJECT));
        }
        assertThat(contents(t.root.resolve("landing"))).isNotEmpty().containsOnly(INSIDE);
    }

    @Test
    void copyNeverWritesOutside() throws Exception {
        race();
        for (int i = 0; i < TRIES; i++) {
            String to = "/12/box/copy-" + i;
            attempt(() -> ops.copy(t.drive, "/12/a.txt", t.drive, to, ConflictPolicy.REJECT));
        }
        assertThat(outsideNames()).containsExactly("data.txt", "only-outside.txt", "passwd");
    }

    /**
     * Races {@code call} on {@code /12/box/<prefix>-<i>} for each try, where both the folder inside and the one
     * outside hold a file of that name; afterwards every file outside is still there.
     */
    private void raceOnNamesInBoth(String prefix, java.util.function.Consumer<String> call) throws Exception {
        files(box, prefix, INSIDE);
        files(outside, prefix, OUTSIDE);
        race();
        for (int i = 0; i < TRIES; i++) {
            String name = prefix + "-" + i;
            attempt(() -> call.accept(name));
        }
        assertThat(outsideNames()).hasSize(3 + TRIES);
    }

    @Test
    void moveNeverTakesAFileFromOutside() throws Exception {
        raceOnNamesInBoth("m", name -> ops.move(t.drive, "/12/box/" + name, t.drive, "/12/landing/" + name,
                ConflictPolicy.REJECT));
        assertThat(contents(t.root.resolve("landing"))).isNotEmpty().containsOnly(INSIDE);
    }

    @Test
    void moveNeverPutsAFileOutside() throws Exception {
        files(t.root.resolve("landing"), "p", INSIDE);
        race();
        for (int i = 0; i < TRIES; i++) {
            String name = "p-" + i;
            attempt(() -> ops.move(t.drive, "/12/landing/" + name, t.drive, "/12/box/" + name, ConflictPolicy.REJECT));
        }
        assertThat(outsideNames()).containsExactly("data.txt", "only-outside.txt", "passwd");
    }

    @Test
    void trashNeverTakesAFileFromOutside() throws Exception {
        raceOnNamesInBoth("t", name -> ops.trash(t.drive, "/12/box/" + name));
        assertThat(contents(t.root.resolve("Trash"))).isNotEmpty().containsOnly(INSIDE);
    }

    @Test
    void deleteNeverDeletesOutside() throws Exception {
        raceOnNamesInBoth("d", name -> ops.delete(t.drive, "/12/box/" + name));
    }

    @Test
    void createFolderNeverCreatesOutside() throws Exception {
        race();
        for (int i = 0; i < TRIES; i++) {
            String id = "/12/box/new-" + i;
            attempt(() -> ops.createFolder(t.drive, id, ConflictPolicy.REJECT));
        }
        assertThat(outsideNames()).containsExactly("data.txt", "only-outside.txt", "passwd");
    }

    /** What a FOLDER upload does for each new folder ({@code ConfinedDirectory.child}): never lands outside. */
    @Test
    void anUploadsNewFolderNeverAppearsOutside() throws Exception {
        race();
        for (int i = 0; i < TRIES; i++) {
            swapper.awaitNextSwap();
            try {
                t.drive.createFolder(box, "upload-" + i);
            } catch (java.io.IOException e) {
                refused++;
            }
        }
        assertThat(outsideNames()).containsExactly("data.txt", "only-outside.txt", "passwd");
    }

    @Test
    void searchNeverFindsNamesOutside() throws Exception {
        race();
        List<String> found = new ArrayList<>();
        var search = new FileSearch(Clock.systemUTC(), FileSearch.Limits.DEFAULT);
        for (int i = 0; i < TRIES; i++) {
            attempt(() -> {
                try {
                    search.search(t.drive, "/12/box", "txt", null, batch -> found.addAll(batch.stream()
                            .map(ProviderFile::id).toList()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(found).doesNotContain("/12/box/only-outside.txt").contains("/12/box/data.txt");
    }

    @Test
    void emptyTrashNeverDeletesOutside() throws Exception {
        Path trash = Files.createDirectory(t.root.resolve("Trash"));
        for (int i = 0; i < 20; i++) {
            files(Files.createDirectory(trash.resolve("dir-" + i)), "x", INSIDE);
        }
        files(outside, "e", OUTSIDE);
        box = trash;
        race();
        for (int i = 0; i < TRIES; i++) {
            attempt(() -> ops.emptyTrash(t.drive, "/12/Trash"));
        }
        assertThat(outsideNames()).hasSize(3 + TRIES);
    }

    private static List<String> contents(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(MutationDrives::read).toList();
        }
    }
}
