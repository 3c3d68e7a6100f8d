package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.wire.Files.BrowseOptions;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large folders are paged from a name index that matches a full read exactly and never goes stale. */
class NameIndexTest {
    private static final int FILES = NameIndexCache.MIN_NAMES + 123;

    @TempDir
    Path temp;
    private TestDrive drive;
    private Path big;
    /** Its clock is an hour ahead, so the folder made just now counts as settled and gets indexed. */
    private FileBrowser indexing;
    /** Its clock is an hour behind: nothing ever looks settled, so every listing reads the folder. */
    private FileBrowser reading;

    @BeforeEach
    void folder() throws Exception {
        drive = new TestDrive(temp);
        big = Files.createDirectory(drive.root.resolve("big"));
        for (int i = 0; i < FILES; i++) {
            Files.createFile(big.resolve((i % 7 == 0 ? "." : "") + "n" + Integer.toString(i * 7919 % 100_003, 36)));
        }
        Files.createFile(big.resolve("ünïcode-😀"));
        indexing = new FileBrowser(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), Runnable::run);
        reading = new FileBrowser(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC), Runnable::run);
    }

    private static List<String> all(FileBrowser browser, TestDrive drive, String direction, Boolean hideHidden) {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            var flags = new FileFlags("/12/big", null, null, null, null, null, hideHidden, null);
            var page = browser.browse(drive.drive, new BrowseOptions(flags, 997, next, "PATH", direction));
            page.items().stream().map(ProviderFile::id).forEach(ids::add);
            next = page.next();
        } while (next != null);
        return ids;
    }

    @Test
    void pagesFromTheIndexExactlyAsFromAFullReadInBothDirectionsAndWithFilters() throws Exception {
        all(indexing, drive, null, null);
        assertThat(indexing.indexes().find(FolderStamp.of(big))).as("indexed").isPresent();

        for (String direction : new String[] {"ascending", "descending"}) {
            for (Boolean hide : new Boolean[] {null, true}) {
                List<String> fromIndex = all(indexing, drive, direction, hide);
                assertThat(fromIndex).isEqualTo(all(reading, drive, direction, hide));
                assertThat(fromIndex).hasSize(Boolean.TRUE.equals(hide) ? FILES + 1 - (FILES + 6) / 7 : FILES + 1);
            }
        }
        assertThat(reading.indexes().find(FolderStamp.of(big))).as("never settled").isEmpty();
    }

    @Test
    void aFolderThatChangedIsReadAgain() throws Exception {
        all(indexing, drive, null, null);
        Files.createFile(big.resolve("0-new"));
        Files.delete(big.resolve("ünïcode-😀"));

        List<String> after = all(indexing, drive, null, null);

        assertThat(after).contains("/12/big/0-new").doesNotContain("/12/big/ünïcode-😀").hasSize(FILES + 1);
    }
}
