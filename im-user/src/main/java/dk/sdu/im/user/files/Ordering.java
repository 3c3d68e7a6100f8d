package dk.sdu.im.user.files;

import java.util.Comparator;
import java.util.Locale;

/**
 * The order of a listing: {@code sortBy} PATH (the default), SIZE or MODIFIED_AT, then the name, so the order
 * is total and stable across pages. {@code descending} reverses the whole order, tie-breaks included.
 * Unknown or null values fall back to PATH and ascending, as Core does not validate them (contract 1.3).
 */
record Ordering(SortKey by, boolean descending) {
    enum SortKey { PATH, SIZE, MODIFIED_AT }

    static Ordering of(String sortBy, String sortDirection) {
        SortKey by = switch (sortBy == null ? "" : sortBy.toUpperCase(Locale.ROOT)) {
            case "SIZE" -> SortKey.SIZE;
            case "MODIFIED_AT" -> SortKey.MODIFIED_AT;
            default -> SortKey.PATH;
        };
        return new Ordering(by, "descending".equalsIgnoreCase(sortDirection));
    }

    Comparator<Entry> comparator() {
        Comparator<Entry> ascending = Ordering::compareAscending;
        return descending ? ascending.reversed() : ascending;
    }

    private static int compareAscending(Entry a, Entry b) {
        int byKey = Long.compare(a.key(), b.key());
        return byKey != 0 ? byKey : compareNames(a.name(), b.name());
    }

    /**
     * Orders names as their UTF-8 bytes order, which is code point order. String.compareTo differs from it only
     * when both characters are at or above U+D800 (surrogates sort below U+E000..U+FFFF there); those are
     * shifted so that surrogates, which encode code points above U+FFFF, come last.
     */
    static int compareNames(String a, String b) {
        int shared = Math.min(a.length(), b.length());
        for (int i = 0; i < shared; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE ? shift(x) - shift(y) : x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int shift(char c) {
        return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
    }
}
