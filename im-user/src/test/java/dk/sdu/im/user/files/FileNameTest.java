package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13, break 2 (DESIGN 4.8): every file name has one text, and a text names at most one file. */
class FileNameTest {
    @TempDir
    Path temp;

    private static String text(String latin1) {
        return FileName.text(LocalNames.bytes(latin1));
    }

    @Test
    void theNamesOfTheIssueHaveTextsOfTheirOwn() {
        assertThat(text("bad\u00ffutf8")).isEqualTo("bad\uFFFDFFutf8");
        assertThat(text("bad\u00feutf8")).isEqualTo("bad\uFFFDFEutf8");
        assertThat(text("bad\u00ef\u00bf\u00bdutf8")).isEqualTo("bad\uFFFDEF\uFFFDBF\uFFFDBDutf8");
    }

    @Test
    void validUtf8IsItsOwnText() {
        for (String name : List.of("report.pdf", "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", "a(1).txt")) {
            assertThat(FileName.text(name.getBytes(StandardCharsets.UTF_8))).isEqualTo(name);
        }
    }

    @Test
    void aValidNameThatLooksLikeAnEscapeIsNotTheFileItLooksLike() {
        byte[] lookalike = "bad\uFFFDFFutf8".getBytes(StandardCharsets.UTF_8);
        assertThat(FileName.text(lookalike)).isEqualTo("bad\uFFFDEF\uFFFDBF\uFFFDBDFFutf8");
        assertThat(FileName.parse("bad\uFFFDFFutf8").bytes()).isEqualTo(LocalNames.bytes("bad\u00ffutf8"));
    }

    @Test
    void everyByteStringRoundTripsAndNoTwoShareAText() {
        var random = new Random(13);
        Map<String, byte[]> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] name = randomName(random);
            String text = FileName.text(name);
            assertThat(FileName.parse(text)).as(text).isNotNull();
            assertThat(FileName.parse(text).bytes()).isEqualTo(name);
            byte[] other = seen.put(text, name);
            if (other != null) {
                assertThat(other).isEqualTo(name);
            }
        }
    }

    /** Short names of bytes other than '/' and NUL, often near the interesting ones (UTF-8 leads, U+FFFD's bytes). */
    private static byte[] randomName(Random random) {
        byte[] pool = {'a', 'F', '0', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xC3, (byte) 0xA9, (byte) 0xE2,
            (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xED, (byte) 0xA0,
            (byte) 0xFF, (byte) 0xC0, (byte) 0x80};
        var out = new ByteArrayOutputStream();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            out.write(random.nextInt(4) == 0 ? 1 + random.nextInt(255) : pool[random.nextInt(pool.length)]);
        }
        byte[] name = out.toByteArray();
        for (int i = 0; i < name.length; i++) {
            name[i] = name[i] == '/' || name[i] == 0 ? (byte) 'x' : name[i];
        }
        return name;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad\uFFFDutf8", "bad\uFFFDffutf8", "bad\uFFFDF", "bad\uFFFD", "\uFFFD41",
            "\uFFFDC3\uFFFDA9", "\uFFFDE2\uFFFD82\uFFFDAC", "a\ud800b"})
    void textsNoNameHasAreRefused(String text) {
        assertThat(FileName.parse(text)).isNull();
    }

    @Test
    void aTextBecomesAPathWithExactlyItsBytes() throws Exception {
        for (String latin1 : List.of("bad\u00ffutf8", "bad\u00feutf8", "bad\u00ef\u00bf\u00bdutf8", "plain")) {
            String text = text(latin1);
            Path created = Files.createFile(temp.resolve(FileName.parse(text).path()));
            assertThat(FileName.textOf(created)).isEqualTo(text);
            assertThat(Files.exists(LocalNames.entry(temp, LocalNames.bytes(latin1)))).isTrue();
        }
        assertThat(listed(temp)).hasSize(4);
    }

    @Test
    void shorteningANameNeverCutsAnEscapeInTwo() {
        assertThat(ConflictNames.shorten("ab\uFFFDFF", 5)).isEqualTo("ab");
        assertThat(ConflictNames.shorten("ab\uFFFDFF", 6)).isEqualTo("ab");
        assertThat(ConflictNames.shorten("ab\uFFFDFF", 7)).isEqualTo("ab\uFFFDFF");
        String candidate = ConflictNames.candidate("x".repeat(240) + "\uFFFDFF\uFFFDFE.txt", false, 1);
        assertThat(FileName.parse(candidate)).as(candidate).isNotNull();
    }

    /**
     * Without a UTF-8 locale (IM/User's launcher asks for C.UTF-8, which not every system has) the JVM decodes names
     * as ASCII; the texts must not change, nor the files a text names.
     */
    @Test
    void namesRoundTripUnderAnAsciiLocaleToo() throws Exception {
        LocalNames.file(temp, LocalNames.bytes("bad\u00ffutf8"), "");
        Files.createFile(temp.resolve("caf\u00e9"));
        Files.createFile(temp.resolve("bad\uFFFDutf8"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FileNameProbe.class.getName(), temp.toString(), FileNameProbe.escape("new\uFFFDFE"),
                FileNameProbe.escape("na\u00efve"));
        probe.environment().clear();
        probe.environment().put("LC_ALL", "C");
        probe.redirectErrorStream(true);
        Process process = probe.start();
        List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .map(FileNameProbe::unescape).toList();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).containsExactlyInAnyOrder("bad\uFFFDFFutf8", "caf\u00e9", "bad\uFFFDEF\uFFFDBF\uFFFDBDutf8");
        assertThat(Files.exists(LocalNames.entry(temp, LocalNames.bytes("new\u00fe")))).isTrue();
        assertThat(Files.exists(temp.resolve("na\u00efve"))).isTrue();
    }

    private static List<String> listed(Path folder) throws Exception {
        List<String> texts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(entry -> texts.add(FileName.textOf(entry)));
        }
        return texts;
    }
}
