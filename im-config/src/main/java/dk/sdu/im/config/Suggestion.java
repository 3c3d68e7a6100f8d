package dk.sdu.im.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key an unknown key was probably meant to be ("did you mean X?"): a different case, a
 * prefix ({@code clockSkew} for {@code clockSkewSeconds}), or a small edit distance where swapping two
 * neighbouring letters counts as one edit.
 */
final class Suggestion {
    private Suggestion() {
    }

    static Optional<String> closest(String typo, Collection<String> known) {
        String lower = typo.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(candidate -> isClose(lower, candidate.toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT))));
    }

    private static boolean isClose(String typo, String candidate) {
        boolean prefix = typo.length() >= 4 && (candidate.startsWith(typo) || typo.startsWith(candidate));
        return prefix || distance(typo, candidate) <= Math.max(1, Math.min(3, candidate.length() / 3));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = cell(a, b, d, i, j);
            }
        }
        return d[a.length()][b.length()];
    }

    private static int cell(String a, String b, int[][] d, int i, int j) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        boolean swapped = i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1);
        return swapped ? Math.min(best, d[i - 2][j - 2] + 1) : best;
    }
}
