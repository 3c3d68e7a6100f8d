package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.TestDrive.failure;
import static dk.sdu.im.user.files.TestDrive.flags;
import static dk.sdu.im.user.files.TestDrive.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Envelopes.PageV2;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import dk.sdu.im.api.wire.Files.RetrieveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a listing shows: the fields of each file, the flags, the orders, the filters and the errors. */
class FileListingTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path temp;
    TestDrive t;

    @BeforeEach
    void drive() throws Exception {
        t = new TestDrive(temp);
        made(t.file("report.txt", 10), "rw-r-----", T0 + 2000);
        made(t.file("a.bin", 3), "rw-------", T0 + 1000);
        made(t.file("zeta.TXT", 10), "rw-r--r--", T0);
        made(t.file(".hidden.txt", 1), "rw-r--r--", T0 + 3000);
        made(Files.createDirectory(t.root.resolve("data")), "rwxr-x---", T0 + 4000);
    }

    private static void made(Path path, String permissions, long modifiedAt) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        Files.setLastModifiedTime(path, FileTime.fromMillis(modifiedAt));
    }

    private ProviderFile listed(PageV2<ProviderFile> page, String id) {
        return page.items().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryEntryWithSizeModeOwnerAndTimes() {
        PageV2<ProviderFile> page = t.browse("/12");
        var unix = new UnixSystem();
        assertThat(ids(page.items())).containsExactly("/12/.hidden.txt", "/12/a.bin", "/12/data", "/12/report.txt",
                "/12/zeta.TXT");
        assertThat(page.itemsPerPage()).isEqualTo(50);
        assertThat(page.next()).isNull();
        ProviderFile report = listed(page, "/12/report.txt");
        assertThat(report.createdAt()).isPositive();
        assertThat(report.status().type()).isEqualTo("FILE");
        assertThat(report.status().icon()).isEmpty();
        assertThat(report.status().sizeInBytes()).isEqualTo(10);
        assertThat(report.status().modifiedAt()).isEqualTo(T0 + 2000);
        assertThat(report.status().accessedAt()).isPositive();
        assertThat(report.status().unixMode()).isEqualTo(0640).isEqualTo(416);
        assertThat(report.status().unixOwner()).isEqualTo((int) unix.getUid());
        assertThat(report.status().unixGroup()).isEqualTo((int) unix.getGid());
        assertThat(report.status().sizeIncludingChildrenInBytes()).isNull();
        assertThat(report.status().fileCount()).isNull();
        assertThat(report.status().directoryCount()).isNull();
        assertThat(report.status().metadata()).isNull();
        ProviderFile data = listed(page, "/12/data");
        assertThat(data.status().type()).isEqualTo("DIRECTORY");
        assertThat(data.status().unixMode()).isEqualTo(0750);
        assertThat(listed(page, "/12/a.bin").status().unixMode()).isEqualTo(0600);
    }

    @Test
    void unixModeHoldsOnlyThePermissionBits() throws Exception {
        Path sticky = Files.createDirectory(t.root.resolve("shared"));
        new ProcessBuilder("chmod", "1777", sticky.toString()).start().waitFor();
        assertThat(t.retrieve("/12/shared").status().unixMode()).isEqualTo(0777);
    }

    @Test
    void flagsSetToFalseLeaveTheirFieldsOut() {
        var noSizes = new FileFlags("/12", null, true, false, true, null, null, null);
        var noTimes = new FileFlags("/12", null, false, true, true, null, null, null);
        var noUnix = new FileFlags("/12", null, true, true, false, null, null, null);
        ProviderFile sized = listed(t.browse(noSizes, null, null, null, null), "/12/report.txt");
        ProviderFile timed = listed(t.browse(noTimes, null, null, null, null), "/12/report.txt");
        ProviderFile owned = listed(t.browse(noUnix, null, null, null, null), "/12/report.txt");
        assertThat(sized.status().sizeInBytes()).isNull();
        assertThat(sized.status().modifiedAt()).isEqualTo(T0 + 2000);
        assertThat(timed.createdAt()).isNull();
        assertThat(timed.status().modifiedAt()).isNull();
        assertThat(timed.status().accessedAt()).isNull();
        assertThat(timed.status().sizeInBytes()).isEqualTo(10);
        assertThat(owned.status().unixMode()).isNull();
        assertThat(owned.status().unixOwner()).isNull();
        assertThat(owned.status().unixGroup()).isNull();
        assertThat(owned.status().type()).isEqualTo("FILE");
    }

    @Test
    void retrieveHonoursTheFlagsToo() {
        var none = new FileFlags(null, null, false, false, false, null, null, null);
        ProviderFile file = t.browser.retrieve(t.drive, new RetrieveOptions(none, "/12/report.txt"));
        assertThat(file.id()).isEqualTo("/12/report.txt");
        assertThat(file.createdAt()).isNull();
        assertThat(file.status().sizeInBytes()).isNull();
        assertThat(file.status().unixMode()).isNull();
    }

    @Test
    void sortsByPathBothWays() {
        var ascending = List.of("/12/.hidden.txt", "/12/a.bin", "/12/data", "/12/report.txt", "/12/zeta.TXT");
        assertThat(ids(t.browse(flags("/12"), null, null, "PATH", "ascending").items())).isEqualTo(ascending);
        assertThat(ids(t.browse(flags("/12"), null, null, "PATH", "descending").items())).isEqualTo(ascending.reversed());
    }

    @Test
    void sortsBySizeBothWaysWithTiesBrokenByName() throws Exception {
        t.file("data/ignored", 100);
        assumeTrue(Files.size(t.root.resolve("data")) > 10, "this file system reports tiny folder sizes");
        var ascending = List.of("/12/.hidden.txt", "/12/a.bin", "/12/report.txt", "/12/zeta.TXT", "/12/data");
        assertThat(ids(t.browse(flags("/12"), null, null, "SIZE", null).items())).isEqualTo(ascending);
        assertThat(ids(t.browse(flags("/12"), null, null, "SIZE", "descending").items())).isEqualTo(ascending.reversed());
    }

    @Test
    void sortsByModificationTimeBothWays() throws Exception {
        made(t.file("tie.txt", 1), "rw-r--r--", T0 + 2000);
        var ascending = List.of("/12/zeta.TXT", "/12/a.bin", "/12/report.txt", "/12/tie.txt", "/12/.hidden.txt", "/12/data");
        assertThat(ids(t.browse(flags("/12"), null, null, "MODIFIED_AT", "ascending").items())).isEqualTo(ascending);
        assertThat(ids(t.browse(flags("/12"), null, null, "MODIFIED_AT", "descending").items())).isEqualTo(ascending.reversed());
    }

    @Test
    void unknownSortValuesFallBackToPathAscending() {
        assertThat(ids(t.browse(flags("/12"), null, null, "CREATED_AT", "sideways").items()))
                .containsExactly("/12/.hidden.txt", "/12/a.bin", "/12/data", "/12/report.txt", "/12/zeta.TXT");
    }

    @Test
    void namesSortByTheirUtf8BytesNotByUtf16() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "file names need a UTF-8 locale (sun.jnu.encoding is " + System.getProperty("sun.jnu.encoding") + ")");
        Path folder = Files.createDirectory(t.root.resolve("names"));
        for (String name : List.of("\ud83d\ude00", "\ue000", "\u00e9", "b", "B", "a")) {
            Files.createFile(folder.resolve(name));
        }
        assertThat(ids(t.browse("/12/names").items())).containsExactly("/12/names/B", "/12/names/a", "/12/names/b",
                "/12/names/\u00e9", "/12/names/\ue000", "/12/names/\ud83d\ude00");
    }

    @Test
    void hiddenFilesCanBeFilteredOut() {
        var flags = new FileFlags("/12", null, null, null, null, null, true, null);
        assertThat(ids(t.browse(flags, null, null, null, null).items()))
                .containsExactly("/12/a.bin", "/12/data", "/12/report.txt", "/12/zeta.TXT");
    }

    @Test
    void extensionFilterKeepsOnlyMatchingNames() {
        var txt = new FileFlags("/12", null, null, null, null, null, false, ".txt");
        var hiddenTxt = new FileFlags("/12", null, null, null, null, null, true, ".txt");
        assertThat(ids(t.browse(txt, null, null, null, null).items())).containsExactly("/12/.hidden.txt", "/12/report.txt");
        assertThat(ids(t.browse(hiddenTxt, null, null, null, null).items())).containsExactly("/12/report.txt");
    }

    @Test
    void itemsPerPageIsNormalisedLikeCoreDoes() {
        assertThat(t.browse(flags("/12"), 0, null, null, null).itemsPerPage()).isEqualTo(50);
        assertThat(t.browse(flags("/12"), -5, null, null, null).itemsPerPage()).isEqualTo(50);
        assertThat(t.browse(flags("/12"), 5000, null, null, null).itemsPerPage()).isEqualTo(1000);
        assertThat(t.browse(flags("/12"), 2, null, null, null).items()).hasSize(2);
    }

    @Test
    void missingFolderIsNotFoundAndNamesOnlyTheUCloudPath() {
        ApiException error = failure(() -> t.browse("/12/data/nope"));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/data/nope");
        assertThat(error.getMessage()).doesNotContain(temp.toString()).doesNotContain(t.root.toString());
    }

    @Test
    void browsingAFileIsABadRequest() {
        ApiException error = failure(() -> t.browse("/12/report.txt"));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).isEqualTo("Not a directory: /12/report.txt");
    }

    @Test
    void browseWithoutAPathIsABadRequest() {
        assertThat(failure(() -> t.browser.browse(t.drive, null)).status()).isEqualTo(400);
        assertThat(failure(() -> t.browse(flags(null), null, null, null, null)).status()).isEqualTo(400);
    }

    @Test
    void retrieveDescribesOneFileOrFolder() {
        ProviderFile report = t.retrieve("/12/report.txt");
        assertThat(report.id()).isEqualTo("/12/report.txt");
        assertThat(report.status().sizeInBytes()).isEqualTo(10);
        assertThat(report.status().unixMode()).isEqualTo(0640);
        assertThat(t.retrieve("/12/data/").id()).isEqualTo("/12/data");
        assertThat(t.retrieve("/12").status().type()).isEqualTo("DIRECTORY");
    }

    @Test
    void retrievingAMissingFileIsNotFound() {
        assertThat(failure(() -> t.retrieve("/12/missing.txt")).why()).isEqualTo("No such file or directory: /12/missing.txt");
        assertThat(failure(() -> t.retrieve("/12/report.txt/below")).status()).isEqualTo(404);
        assertThat(failure(() -> t.browser.retrieve(t.drive, null)).status()).isEqualTo(400);
    }

    @Test
    void permissionDeniedIsForbiddenWithTheUCloudPath() throws Exception {
        assumeFalse(new UnixSystem().getUid() == 0,
                "running as root, which bypasses file permissions: the 403 mapping cannot be observed");
        Path locked = Files.createDirectory(t.root.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            ApiException error = failure(() -> t.browse("/12/locked"));
            assertThat(error.status()).isEqualTo(403);
            assertThat(error.why()).isEqualTo("Permission denied: /12/locked");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
