package dk.sdu.im.user.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 section 14: which bytes a Range header selects of a 1000-byte file. */
class RangeSelectionTest {
    static final long SIZE = 1000;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99          | 0   | 99",
            "bytes=100-          | 100 | 999",
            "bytes=-100          | 900 | 999",
            "bytes=-5000         | 0   | 999",
            "bytes=999-999       | 999 | 999",
            "bytes=500-99999     | 500 | 999",
            "bytes=0-99999999999999999999999 | 0 | 999",
            "BYTES = 10-19       | 10  | 19",
            "bytes=10-19,        | 10  | 19",
            "bytes=007-008       | 7   | 8"})
    void singleRangeSelectsItsBytes(String header, long first, long last) {
        assertThat(RangeSelection.of(header, SIZE)).isEqualTo(new RangeSelection.Part(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=-0", "bytes=99999999999999999999999-"})
    void rangeBeyondTheEndIsUnsatisfiable(String header) {
        assertThat(RangeSelection.of(header, SIZE)).isInstanceOf(RangeSelection.Unsatisfiable.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=abc", "bytes=5", "bytes=--5", "bytes=10-5", "bytes=1-2-3",
            "bytes=+1-2", "bytes=0x1-2", "items=0-10", "bytes=0 - 10", "bytes=0-1,5-6", "bytes=0-1, -5", "bytes=,,"})
    void missingMalformedForeignOrMultipleRangesSelectTheWholeFile(String header) {
        assertThat(RangeSelection.of(header, SIZE)).isInstanceOf(RangeSelection.All.class);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-, UNSATISFIABLE", "bytes=0-0, UNSATISFIABLE", "bytes=-1, ALL"})
    void emptyFileHasNoRangeButASuffixIsIgnored(String header, String expected) {
        assertThat(RangeSelection.of(header, 0))
                .isEqualTo(expected.equals("ALL") ? RangeSelection.ALL : RangeSelection.UNSATISFIABLE);
    }
}
