package dk.sdu.im.compute.slurm;

import java.util.Optional;

/**
 * Reads Slurm 22.05's {@code sacct -X -n -P --format=}{@link #FORMAT}: one line per job, columns separated by
 * {@code |}. This text, not {@code sacct --json}, is what the monitor reads, because 22.05's JSON loses the exit
 * code of a failed job (it records return code 0 for a job that exited with 3). A line that cannot be read is
 * named in {@link Columns.Rows#refused} and the others are still read: one odd job must not hide the rest.
 *
 * <p>Columns: {@code JobIDRaw} (digits), {@code User} (may be blank), {@code State} (a {@link SlurmState} name,
 * {@code CANCELLED} followed by {@code by <uid>}), {@code ExitCode} ({@code code:signal}), {@code ElapsedRaw}
 * (seconds), {@code AllocTRES} ({@code key=value,...}, blank before the job starts) and {@code Reason} (last,
 * "None" for none).
 */
final class SacctParsable {
    /** The columns, in the order {@link #line} reads them; given to sacct as {@code --format=FORMAT}. */
    static final String FORMAT = "JobIDRaw,User,State,ExitCode,ElapsedRaw,AllocTRES,Reason";

    private SacctParsable() {}

    static Columns.Rows<AccountingLine> parse(String text) {
        return Columns.rows(text, "sacct", SacctParsable::line);
    }

    private static AccountingLine line(Columns line) throws Columns.BadLine {
        long jobId = line.next().number();
        Optional<String> user = line.next().optionalText("");
        SlurmState state = line.next().state();
        ExitCode exitCode = exitCode(line.next());
        long elapsed = line.next().number();
        line.next();
        long cpus = tres(line, "cpu");
        long gpus = tres(line, "gres/gpu");
        Optional<String> reason = line.rest().optionalText("None");
        return new AccountingLine(jobId, user, state, reason, exitCode, elapsed, cpus, gpus);
    }

    /** {@code 3:0} exited with 3, {@code 0:9} killed by signal 9 (a signal wins over a code); blank not known. */
    private static ExitCode exitCode(Columns column) throws Columns.BadLine {
        if (column.blank()) {
            return new ExitCode.Unknown();
        }
        int colon = column.find(':', column.start(), column.end());
        int code = small(column.number(column.start(), colon));
        int signal = colon == column.end() ? 0 : small(column.number(colon + 1, column.end()));
        return signal != 0 ? new ExitCode.Signaled(signal, Optional.empty()) : new ExitCode.Exited(code);
    }

    /** The count of {@code key} in the current AllocTRES column ({@code billing=1,cpu=2,mem=500M,gres/gpu=1}); 0 if absent. */
    private static long tres(Columns column, String key) throws Columns.BadLine {
        int from = column.start();
        while (from < column.end()) {
            int comma = column.find(',', from, column.end());
            int equals = column.find('=', from, comma);
            if (column.is(key, from, equals) && equals < comma) {
                return column.number(equals + 1, comma);
            }
            from = comma + 1;
        }
        return 0;
    }

    private static int small(long value) throws Columns.BadLine {
        if (value > Integer.MAX_VALUE) {
            throw new Columns.BadLine("exit code " + value + " is out of range");
        }
        return (int) value;
    }
}
