package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, break 2 (DESIGN 4.8): {@code bad\xffutf8}, {@code bad\xfeutf8} and {@code bad\xef\xbf\xbdutf8} used to
 * list as one name, and acting on it touched the last of them whichever the user picked. Each is now listed under
 * a text of its own (as is a valid name made to look like one of those texts), and every call on a listed id acts
 * on exactly the file that was listed under it.
 */
class NonUtf8NamesTest {
    static final String FF = "/12/bad\uFFFDFFutf8";
    static final String FE = "/12/bad\uFFFDFEutf8";
    static final String REPLACEMENT = "/12/bad\uFFFDEF\uFFFDBF\uFFFDBDutf8";
    static final String LOOKALIKE = "/12/bad\uFFFDEF\uFFFDBF\uFFFDBDFFutf8";

    @TempDir
    Path temp;
    MutationDrives t;
    FileOperations ops;
    final FileBrowser browser = new FileBrowser();

    @BeforeEach
    void files() throws Exception {
        t = new MutationDrives(temp);
        ops = t.operations();
        LocalNames.file(t.root, LocalNames.bytes("bad\u00ffutf8"), "ff");
        LocalNames.file(t.root, LocalNames.bytes("bad\u00feutf8"), "fe!");
        LocalNames.file(t.root, LocalNames.bytes("bad\u00ef\u00bf\u00bdutf8"), "fffd");
        Files.writeString(t.root.resolve("bad\uFFFDFFutf8"), "lookalike");
    }

    private List<ProviderFile> browse(String folder) {
        return browser.browse(t.drive, new BrowseOptions(TestDrive.flags(folder), null, null, null, null)).items();
    }

    private ProviderFile retrieve(String id) {
        return browser.retrieve(t.drive, new RetrieveOptions(null, id));
    }

    private String content(String latin1) {
        return read(LocalNames.entry(t.root, LocalNames.bytes(latin1)));
    }

    @Test
    void eachNameIsListedUnderATextOfItsOwn() {
        assertThat(browse("/12")).extracting(ProviderFile::id).containsExactlyInAnyOrder(FF, FE, REPLACEMENT, LOOKALIKE);
    }

    @Test
    void eachListedIdIsRetrievedAsItsOwnFile() {
        assertThat(retrieve(FF).status().sizeInBytes()).isEqualTo(2);
        assertThat(retrieve(FE).status().sizeInBytes()).isEqualTo(3);
        assertThat(retrieve(REPLACEMENT).status().sizeInBytes()).isEqualTo(4);
        assertThat(retrieve(LOOKALIKE).status().sizeInBytes()).isEqualTo(9);
    }

    @Test
    void trashingAListedIdTrashesThatFileOnly() throws Exception {
        assertThat(ops.trash(t.drive, FE).id()).isEqualTo("/12/Trash/bad\uFFFDFEutf8");
        assertThat(browse("/12/Trash")).extracting(ProviderFile::id).containsExactly("/12/Trash/bad\uFFFDFEutf8");
        assertThat(read(LocalNames.entry(t.root.resolve("Trash"), LocalNames.bytes("bad\u00feutf8")))).isEqualTo("fe!");
        assertThat(content("bad\u00ffutf8")).isEqualTo("ff");
        assertThat(content("bad\u00ef\u00bf\u00bdutf8")).isEqualTo("fffd");
        assertThat(read(t.root.resolve("bad\uFFFDFFutf8"))).isEqualTo("lookalike");
    }

    @Test
    void copyMoveAndDeleteActOnTheListedFile() throws Exception {
        ops.copy(t.drive, FF, t.drive, "/12/copy", ConflictPolicy.REJECT);
        ops.move(t.drive, REPLACEMENT, t.drive, "/12/moved", ConflictPolicy.REJECT);
        ops.delete(t.drive, LOOKALIKE);
        assertThat(read(t.root.resolve("copy"))).isEqualTo("ff");
        assertThat(read(t.root.resolve("moved"))).isEqualTo("fffd");
        assertThat(t.root.resolve("bad\uFFFDFFutf8")).doesNotExist();
        assertThat(content("bad\u00ffutf8")).isEqualTo("ff");
        assertThat(content("bad\u00feutf8")).isEqualTo("fe!");
        assertThat(browse("/12")).extracting(ProviderFile::id).containsExactlyInAnyOrder(FF, FE, "/12/copy", "/12/moved");
    }

    @Test
    void aCopyOfANameThatIsNotUtf8KeepsItsBytes() throws Exception {
        ops.copy(t.drive, FF, t.drive, FF, ConflictPolicy.RENAME);
        assertThat(read(LocalNames.entry(t.root, LocalNames.bytes("bad\u00ffutf8(1)")))).isEqualTo("ff");
        assertThat(browse("/12")).extracting(ProviderFile::id).contains("/12/bad\uFFFDFFutf8(1)");
    }

    @Test
    void foldersWithSuchNamesAreCreatedListedAndSearched() throws Exception {
        ops.createFolder(t.drive, "/12/dir\uFFFDC0", ConflictPolicy.REJECT);
        Path folder = LocalNames.entry(t.root, LocalNames.bytes("dir\u00c0"));
        assertThat(Files.isDirectory(folder)).isTrue();
        LocalNames.file(folder, LocalNames.bytes("in\u00ff"), "x");
        assertThat(browse("/12/dir\uFFFDC0")).extracting(ProviderFile::id).containsExactly("/12/dir\uFFFDC0/in\uFFFDFF");
        List<String> found = new ArrayList<>();
        new FileSearch(Clock.systemUTC(), FileSearch.Limits.DEFAULT).search(t.drive, "/12", "in", null,
                batch -> found.addAll(batch.stream().map(ProviderFile::id).toList()));
        assertThat(found).containsExactly("/12/dir\uFFFDC0/in\uFFFDFF");
    }

    /** Texts that no listed name has: refused, and nothing is touched, rather than taken to mean some other file. */
    @ParameterizedTest
    @ValueSource(strings = {"/12/bad\uFFFDutf8", "/12/bad\uFFFDffutf8", "/12/bad\uFFFDF", "/12/\uFFFD62ad\uFFFDFFutf8"})
    void aTextNoFileIsListedUnderIsRefused(String id) throws Exception {
        for (ApiException error : List.of(failure(() -> retrieve(id)), failure(() -> ops.trash(t.drive, id)),
                failure(() -> ops.delete(t.drive, id)), failure(() -> ops.createFolder(t.drive, id, ConflictPolicy.REJECT)))) {
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.why()).contains("U+FFFD");
        }
        assertThat(browse("/12")).extracting(ProviderFile::id).containsExactlyInAnyOrder(FF, FE, REPLACEMENT, LOOKALIKE);
    }
}
