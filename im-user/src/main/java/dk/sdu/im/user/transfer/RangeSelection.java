package dk.sdu.im.user.transfer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code Range} header (RFC 9110 section 14) selects of a file of a given size. Only single byte
 * ranges are served: {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}.
 *
 * <p>Choices where the RFC lets the server decide (section 14.2: a server MAY ignore Range):
 * <ul>
 *   <li>no header, another unit, a malformed header, {@code a-b} with {@code b < a}: the whole file (200);</li>
 *   <li>several ranges: the whole file (200), not {@code multipart/byteranges}: browsers and download
 *       managers resume with one range, and a 200 is always a correct answer;</li>
 *   <li>{@code a} at or beyond the end, or {@code -0}: {@link Unsatisfiable} (416);</li>
 *   <li>{@code b} beyond the end is cut to the last byte; {@code -n} longer than the file is the whole file
 *       as a 206;</li>
 *   <li>a suffix range on an empty file cannot be expressed in a Content-Range, so it is ignored (200).</li>
 * </ul>
 */
sealed interface RangeSelection {
    /** The whole file, status 200. */
    record All() implements RangeSelection {
    }

    /** Bytes {@code first} to {@code last} inclusive, status 206. */
    record Part(long first, long last) implements RangeSelection {
        long length() {
            return last - first + 1;
        }
    }

    /** Nothing the file has, status 416. */
    record Unsatisfiable() implements RangeSelection {
    }

    RangeSelection ALL = new All();
    RangeSelection UNSATISFIABLE = new Unsatisfiable();

    static RangeSelection of(String header, long size) {
        if (header == null) {
            return ALL;
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return ALL;
        }
        List<String> specs = Arrays.stream(value.substring(equals + 1).split(",", -1))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return specs.size() == 1 ? single(specs.getFirst(), size) : ALL;
    }

    private static RangeSelection single(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return ALL;
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        if (first.isEmpty()) {
            return digits(last) ? suffix(number(last), size) : ALL;
        }
        if (!digits(first) || !(last.isEmpty() || digits(last))) {
            return ALL;
        }
        long from = number(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (to < from) {
            return ALL;
        }
        return from >= size ? UNSATISFIABLE : new Part(from, Math.min(to, size - 1));
    }

    private static RangeSelection suffix(long length, long size) {
        if (length == 0) {
            return UNSATISFIABLE;
        }
        if (size == 0) {
            return ALL;
        }
        return new Part(Math.max(0, size - length), size - 1);
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The value of a digit string; values beyond a long are as good as infinite here. */
    private static long number(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
