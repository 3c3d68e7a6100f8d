package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.user.files.ConflictNames;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RENAME's free names, the same rule as the other file calls use: {@code name(1).ext}. */
class FreeNamesTest {
    @ParameterizedTest
    @CsvSource({"a.txt, a(1).txt", "a.tar.gz, a.tar(1).gz", ".bashrc, .bashrc(1)", ".config.yml, .config(1).yml",
        "notes., notes.(1)", "README, README(1)", "a(1).txt, a(1)(1).txt"})
    void firstCandidate(String name, String expected) {
        assertThat(ConflictNames.candidate(name, false, 1)).isEqualTo(expected);
    }

    @Test
    void longNamesAreShortenedToFit255Bytes() {
        String name = "\u00e9".repeat(125) + ".txt"; // 254 bytes
        String candidate = ConflictNames.candidate(name, false, 12);

        assertThat(candidate.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(candidate).endsWith("(12).txt");
    }

    @Test
    void freeSkipsTakenNamesAndGivesUpWith409() throws Exception {
        Set<String> taken = Set.of("a.txt", "a(1).txt");
        assertThat(FreeNames.free("a.txt", taken::contains, "/12")).isEqualTo("a(2).txt");
        assertThat(FreeNames.free("b.txt", taken::contains, "/12")).isEqualTo("b.txt");
        assertThat(failure(() -> FreeNames.free("a.txt", n -> true, "/12")).status()).isEqualTo(409);
    }
}
