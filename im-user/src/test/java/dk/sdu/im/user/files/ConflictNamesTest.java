package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RENAME rule: name(1).ext for files, name(1) for folders, counting up until a name is free. */
class ConflictNamesTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report.txt|report(1).txt",
            "a.tar.gz|a.tar(1).gz",
            "README|README(1)",
            ".bashrc|.bashrc(1)",
            ".config.yml|.config(1).yml",
            "notes.|notes.(1)",
            "a(1).txt|a(1)(1).txt",
            "..hidden|.(1).hidden"})
    void filesGetTheNumberBeforeTheLastExtension(String name, String renamed) {
        assertThat(ConflictNames.candidate(name, false, 1)).isEqualTo(renamed);
    }

    private DriveFolder root() throws Exception {
        return DriveFolder.root(DriveRoot.of("12", temp));
    }

    @Test
    void foldersNeverHaveAnExtension() {
        assertThat(ConflictNames.candidate("v1.2", true, 1)).isEqualTo("v1.2(1)");
        assertThat(ConflictNames.candidate("data", true, 12)).isEqualTo("data(12)");
    }

    @Test
    void renamedNamesStayWithin255Bytes() {
        String longName = "\u00e9".repeat(125) + "x.txt";
        String renamed = ConflictNames.candidate(longName, false, 10_000);
        assertThat(UCloudPath.utf8Length(renamed)).isLessThanOrEqualTo(255);
        assertThat(renamed).endsWith("(10000).txt").startsWith("\u00e9");
        String hugeExtension = "a." + "x".repeat(253);
        assertThat(UCloudPath.utf8Length(ConflictNames.candidate(hugeExtension, false, 1))).isLessThanOrEqualTo(255);
    }

    @Test
    void countsUpUntilANameIsFree() throws Exception {
        for (String taken : List.of("a.txt", "a(1).txt", "a(2).txt")) {
            Files.createFile(temp.resolve(taken));
        }
        try (DriveFolder root = root()) {
            Slot free = ConflictNames.free(root.slot("a.txt"), false);
            assertThat(free.name()).isEqualTo("a(3).txt");
            assertThat(free.path()).hasToString("/12/a(3).txt");
            assertThat(free.lexical()).isEqualTo(temp.toRealPath().resolve("a(3).txt"));
        }
    }

    @Test
    void aDanglingLinkTakesItsName() throws Exception {
        Files.createFile(temp.resolve("a"));
        Files.createSymbolicLink(temp.resolve("a(1)"), Path.of("nowhere"));
        try (DriveFolder root = root()) {
            assertThat(ConflictNames.free(root.slot("a"), true).name()).isEqualTo("a(2)");
        }
    }

    @Test
    void givesUpWith409AfterTheLastAttempt() throws Exception {
        for (String taken : List.of("a", "a(1)", "a(2)", "a(3)")) {
            Files.createFile(temp.resolve(taken));
        }
        try (DriveFolder root = root()) {
            ApiException error = failure(() -> ConflictNames.free(root.slot("a"), false, 3));
            assertThat(error.status()).isEqualTo(409);
            assertThat(error.why()).contains("/12/a").doesNotContain(temp.toString());
        }
    }

    @Test
    void policyNamesAreReadInAnyCaseAndAMissingOneRejects() {
        assertThat(ConflictPolicy.of("MERGE_RENAME")).isEqualTo(ConflictPolicy.MERGE_RENAME);
        assertThat(ConflictPolicy.of("rename")).isEqualTo(ConflictPolicy.RENAME);
        assertThat(ConflictPolicy.of(null)).isEqualTo(ConflictPolicy.REJECT);
        assertThat(ConflictPolicy.of("")).isEqualTo(ConflictPolicy.REJECT);
        assertThat(failure(() -> ConflictPolicy.of("OVERWRITE")).status()).isEqualTo(400);
    }
}
