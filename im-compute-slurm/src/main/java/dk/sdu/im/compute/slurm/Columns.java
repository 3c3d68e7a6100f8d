package dk.sdu.im.compute.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cursor over the {@code |}-separated text the Slurm tools print ({@code sacct -P}, {@code squeue -o},
 * {@code sinfo -o}): a line at a time, a column at a time, read in place. Only what a caller keeps becomes a
 * String; numbers are read from the characters. One pass, no regular expressions, so its cost is linear in the
 * text whatever Slurm prints. One instance reads one text, on one thread.
 */
final class Columns {
    /** More digits than this cannot be a count or a number of seconds Slurm prints. */
    private static final int MAX_DIGITS = 18;

    private final String text;
    private int lineStart;
    private int lineEnd = -1;
    private int start;
    private int end;
    private int next;

    Columns(String text) {
        this.text = text;
    }

    /** A reader of one line's columns into a record. */
    @FunctionalInterface
    interface LineReader<T> {
        T read(Columns line) throws BadLine;
    }

    /** What a text held: one record per line read, and one message per line that could not be read. */
    record Rows<T>(List<T> rows, List<String> refused) {
        Rows {
            rows = List.copyOf(rows);
            refused = List.copyOf(refused);
        }
    }

    /** A line is not what the format says; the message says why, the caller adds the line. */
    static final class BadLine extends Exception {
        BadLine(String why) {
            super(why, null, false, false);
        }
    }

    /** Reads every non-blank line of {@code text}; a line that fails is named in {@link Rows#refused}, the rest read on. */
    static <T> Rows<T> rows(String text, String command, LineReader<T> reader) {
        List<T> rows = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Columns line = new Columns(text);
        while (line.nextLine()) {
            try {
                rows.add(reader.read(line));
            } catch (BadLine e) {
                refused.add(command + " printed a line that is not as expected (" + e.getMessage() + "): " + line.line());
            }
        }
        return new Rows<>(rows, refused);
    }

    /** Moves to the next line that is not blank; false when there is none. */
    boolean nextLine() {
        int from = lineEnd + 1;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline;
            if (to > from && text.charAt(to - 1) == '\r') {
                to--;
            }
            if (!blank(from, to)) {
                lineStart = from;
                lineEnd = to;
                next = from;
                return true;
            }
            from = newline < 0 ? text.length() : newline + 1;
        }
        return false;
    }

    /** The current line, for a message about it. */
    String line() {
        return text.substring(lineStart, lineEnd);
    }

    /** Moves to the next column of the line. */
    Columns next() throws BadLine {
        if (next > lineEnd) {
            throw new BadLine("too few columns");
        }
        start = next;
        int bar = text.indexOf('|', next);
        end = bar < 0 || bar > lineEnd ? lineEnd : bar;
        next = end + 1;
        return this;
    }

    /** Takes the rest of the line, {@code |} included, as its last column (for free text such as a reason). */
    Columns rest() throws BadLine {
        if (next > lineEnd) {
            throw new BadLine("too few columns");
        }
        start = next;
        end = lineEnd;
        next = lineEnd + 1;
        return this;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The column's text, without surrounding blanks. */
    String text() {
        int from = start;
        int to = end;
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /** The column's text, empty when it is blank or says {@code none} (e.g. Slurm's "None" reason). */
    Optional<String> optionalText(String none) {
        String value = text();
        return value.isEmpty() || value.equals(none) ? Optional.empty() : Optional.of(value);
    }

    /** Whether the column is blank. */
    boolean blank() {
        return blank(start, end);
    }

    /** The column as a non-negative decimal number. */
    long number() throws BadLine {
        return number(start, end);
    }

    /** The digits from {@code from} to {@code to} as a number; blanks around them are allowed. */
    long number(int from, int to) throws BadLine {
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        if (from == to || to - from > MAX_DIGITS) {
            throw new BadLine("'" + text.substring(from, to) + "' is not a number");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadLine("'" + text.substring(from, to) + "' is not a number");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Where {@code c} first stands from {@code from} to {@code to}, or {@code to} when it does not. */
    int find(char c, int from, int to) {
        int at = text.indexOf(c, from, to);
        return at < 0 ? to : at;
    }

    /** Whether the text from {@code from} to {@code to} is exactly {@code word}. */
    boolean is(String word, int from, int to) {
        return to - from == word.length() && text.regionMatches(from, word, 0, word.length());
    }

    /** The Slurm job state named by the column's first word ({@code CANCELLED by 1001} names CANCELLED). */
    SlurmState state() throws BadLine {
        int to = find(' ', start, end);
        return SlurmState.find(text, start, to)
                .orElseThrow(() -> new BadLine("unknown Slurm job state '" + text.substring(start, to) + "'"));
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
