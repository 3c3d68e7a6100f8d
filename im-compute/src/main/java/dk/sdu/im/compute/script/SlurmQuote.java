package dk.sdu.im.compute.script;

import java.util.Locale;

/**
 * The quoting sbatch's own reader of {@code #SBATCH} lines understands (not bash's: bash sees those lines
 * as comments). That reader groups by single or double quotes and treats a backslash as an escape even
 * inside quotes, ends the line at a line break, and blanks the word {@code packjob} anywhere in the line.
 * So a value is one single-quoted word with {@code \} written {@code \\} and {@code '} written {@code '\''};
 * line breaks, NUL and {@code packjob} are refused.
 */
final class SlurmQuote {
    private SlurmQuote() {
    }

    /** The quoted value; {@code what} names the directive for the error. */
    static String word(String text, String what) {
        if (text.indexOf('\0') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new ScriptException("sbatch directive '" + what + "' contains a line break or NUL");
        }
        if (text.toLowerCase(Locale.ROOT).contains("packjob")) {
            throw new ScriptException("sbatch directive '" + what + "' contains the reserved word packjob");
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "'\\''") + "'";
    }
}
