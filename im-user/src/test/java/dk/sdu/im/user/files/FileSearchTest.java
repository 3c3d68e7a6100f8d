package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSearchTest {
    @TempDir
    Path temp;
    private TestDrive drive;
    private final List<List<ProviderFile>> batches = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        drive = new TestDrive(temp);
        drive.file("Report-2024.pdf", 3);
        drive.file("notes/report.txt", 1);
        drive.file("notes/deep/er/still/annual REPORT.md", 2);
        drive.file("notes/other.txt", 1);
        drive.file(".hidden/report.secret", 1);
    }

    private List<String> ids() {
        return batches.stream().flatMap(List::stream).map(ProviderFile::id).sorted().toList();
    }

    private void search(String folder, String query, FileFlags flags, FileSearch.Limits limits) throws Exception {
        new FileSearch(Clock.systemUTC(), limits).search(drive.drive, folder, query, flags, batch -> batches.add(batch));
    }

    @Test
    void findsNamesContainingTheQueryIgnoringCaseAtAnyDepth() throws Exception {
        search("/12", "report", null, FileSearch.Limits.DEFAULT);

        assertThat(ids()).containsExactly("/12/.hidden/report.secret", "/12/Report-2024.pdf",
                "/12/notes/deep/er/still/annual REPORT.md", "/12/notes/report.txt");
        assertThat(batches.stream().flatMap(List::stream).filter(f -> f.id().endsWith(".pdf")).findFirst().orElseThrow()
                .status().sizeInBytes()).isEqualTo(3);
    }

    @Test
    void searchesOnlyBelowTheCurrentFolderAndCanSkipHiddenOnes() throws Exception {
        search("/12/notes", "report", null, FileSearch.Limits.DEFAULT);
        assertThat(ids()).containsExactly("/12/notes/deep/er/still/annual REPORT.md", "/12/notes/report.txt");

        batches.clear();
        search("/12", "report", new FileFlags(null, null, null, null, null, null, true, null), FileSearch.Limits.DEFAULT);
        assertThat(ids()).doesNotContain("/12/.hidden/report.secret").hasSize(3);
    }

    @Test
    void doesNotEnterSymlinksLeadingOutOfTheDrive() throws Exception {
        Path outside = Files.createDirectories(drive.base.resolve("outside"));
        Files.writeString(outside.resolve("report-outside.txt"), "secret");
        Files.createSymbolicLink(drive.root.resolve("escape"), outside);

        search("/12", "outside", null, FileSearch.Limits.DEFAULT);

        assertThat(ids()).isEmpty();
    }

    @Test
    void sendsFullBatchesAndStopsWhenTheSinkSaysSo() throws Exception {
        for (int i = 0; i < 25; i++) {
            drive.file("many/match-" + i, 0);
        }
        var limits = new FileSearch.Limits(10, 60_000, 10_000, 1_000_000);
        new FileSearch(Clock.systemUTC(), limits).search(drive.drive, "/12/many", "match", null, batch -> {
            batches.add(batch);
            return batches.size() < 2;
        });

        assertThat(batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(10));
    }

    @Test
    void stopsAtTheResultLimit() throws Exception {
        for (int i = 0; i < 30; i++) {
            drive.file("many/match-" + i, 0);
        }
        search("/12/many", "match", null, new FileSearch.Limits(250, 100, 7, 1_000_000));

        assertThat(ids()).hasSize(7);
    }

    @Test
    void refusesAnEmptyQueryAFileAndAPathOutsideTheDrive() {
        assertThatThrownBy(() -> search("/12", " ", null, FileSearch.Limits.DEFAULT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> search("/12/Report-2024.pdf", "x", null, FileSearch.Limits.DEFAULT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> search("/12/../..", "x", null, FileSearch.Limits.DEFAULT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> search("/13", "x", null, FileSearch.Limits.DEFAULT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
