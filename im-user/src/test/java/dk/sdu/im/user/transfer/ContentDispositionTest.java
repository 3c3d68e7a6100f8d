package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6266 / RFC 8187 (ex 5987): the browser saves the file under its real name, whatever characters it has. */
class ContentDispositionTest {
    @Test
    void nonAsciiNameIsPercentEncodedAsUtf8WithAnAsciiFallback() {
        assertThat(ContentDisposition.attachment("rapport æøå €.pdf")).isEqualTo(
                "attachment; filename=\"rapport ___ _.pdf\"; filename*=UTF-8''rapport%20%C3%A6%C3%B8%C3%A5%20%E2%82%AC.pdf");
    }

    @Test
    void quotesBackslashesAndPercentSignsNeverReachTheQuotedFallback() {
        String header = ContentDisposition.attachment("a\"b\\c%d;e.txt");

        assertThat(header).startsWith("attachment; filename=\"a_b_c_d;e.txt\"; ");
        assertThat(header).endsWith("filename*=UTF-8''a%22b%5Cc%25d%3Be.txt");
    }

    @Test
    void characterOutsideTheBasicPlaneIsOneFallbackCharacterAndFourEncodedBytes() {
        assertThat(ContentDisposition.asciiFallback("x\uD83D\uDE00.txt")).isEqualTo("x_.txt");
        assertThat(ContentDisposition.encode("x\uD83D\uDE00.txt")).isEqualTo("x%F0%9F%98%80.txt");
    }

    @Test
    void attrCharsStayAsTheyAreAndEveryNameRoundTrips() {
        String name = "AZaz09!#$&+-.^_`|~ (1) [x] {y} ='@,";
        String encoded = ContentDisposition.encode(name);

        assertThat(encoded).startsWith("AZaz09!#$&+-.^_`|~%20%281%29");
        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]*");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
    }
}
