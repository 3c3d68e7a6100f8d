package dk.sdu.im.systemtest;

import java.util.Arrays;
import java.util.Locale;

/** What the benchmarks share: timing an action, medians and percentiles, and the {@code BENCH} line format. */
final class Figures {
    private Figures() {
    }

    interface Action {
        void run() throws Exception;
    }

    /** Something measured that reports its own figure (e.g. a transfer's MiB/s). */
    interface Measure {
        double run() throws Exception;
    }

    /** Prints {@code BENCH <name> value=.. baseline=.. ratio=.. target=.. ok|miss}; NaN baseline prints "-". */
    static void bench(String name, double value, String unit, double baseline, String target, boolean ok) {
        String base = Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.3f%s", baseline, unit);
        String ratio = Double.isNaN(baseline) || baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / baseline);
        System.out.printf(Locale.ROOT, "BENCH %s value=%.3f%s baseline=%s ratio=%s target=%s %s%n", name, value, unit, base, ratio,
                target.replace(' ', '_'), ok ? "ok" : "miss");
    }

    /** How long each of {@code times} runs of {@code action} took, in milliseconds. */
    static double[] timeMillis(int times, Action action) throws Exception {
        double[] result = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            action.run();
            result[i] = (System.nanoTime() - start) / 1e6;
        }
        return result;
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The p-th percentile (nearest rank); NaN when there are no values. */
    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
