package dk.sdu.im.compute.slurm;

/**
 * Reads Slurm 22.05's {@code squeue -h -o }{@link #FORMAT}: job id ({@code %A}), user ({@code %u}), state
 * ({@code %T}), CPUs ({@code %C}), time used ({@code %M}, {@code [days-][hours:]minutes:seconds}, or
 * {@code INVALID} when the clock is off, read as 0) and reason ({@code %r}, last). Bad lines are named in
 * {@link Columns.Rows#refused}; the rest are read.
 */
final class SqueueText {
    /** The format, in the order {@link #line} reads it; given to squeue as {@code -o FORMAT}. */
    static final String FORMAT = "%A|%u|%T|%C|%M|%r";

    private SqueueText() {}

    static Columns.Rows<QueueLine> parse(String text) {
        return Columns.rows(text, "squeue", SqueueText::line);
    }

    private static QueueLine line(Columns line) throws Columns.BadLine {
        long jobId = line.next().number();
        String user = line.next().text();
        SlurmState state = line.next().state();
        long cpus = line.next().number();
        long used = timeUsed(line.next());
        return new QueueLine(jobId, user, state, cpus, used, line.rest().optionalText("None"));
    }

    /** {@code 1-02:03:04}, {@code 1:02:03} or {@code 2:03} as seconds. */
    private static long timeUsed(Columns column) throws Columns.BadLine {
        if (column.is("INVALID", column.start(), column.end())) {
            return 0;
        }
        int dash = column.find('-', column.start(), column.end());
        long days = dash == column.end() ? 0 : column.number(column.start(), dash);
        long seconds = 0;
        int from = dash == column.end() ? column.start() : dash + 1;
        while (from <= column.end()) {
            int colon = column.find(':', from, column.end());
            seconds = seconds * 60 + column.number(from, colon);
            from = colon + 1;
        }
        return days * 86_400 + seconds;
    }
}
