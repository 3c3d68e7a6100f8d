package dk.sdu.im.compute.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Slurm 22.05's {@code sinfo -h -o }{@link #FORMAT}: partition ({@code %P}, the default one marked with a
 * trailing {@code *}), its availability ({@code %a}) and its CPUs as {@code allocated/idle/other/total}
 * ({@code %C}). Bad lines are named in {@link Columns.Rows#refused}; the rest are read.
 */
final class SinfoText {
    /** The format, in the order {@link #line} reads it; given to sinfo as {@code -o FORMAT}. */
    static final String FORMAT = "%P|%a|%C";

    private SinfoText() {}

    static Columns.Rows<PartitionLine> parse(String text) {
        return Columns.rows(text, "sinfo", SinfoText::line);
    }

    /** One entry per partition, in sinfo's order, its lines added up. */
    static Map<String, PartitionLine> byName(List<PartitionLine> lines) {
        Map<String, PartitionLine> partitions = new LinkedHashMap<>();
        for (PartitionLine line : lines) {
            partitions.merge(line.name(), line, PartitionLine::plus);
        }
        return partitions;
    }

    private static PartitionLine line(Columns line) throws Columns.BadLine {
        String name = line.next().text();
        boolean isDefault = name.endsWith("*");
        if (isDefault) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw new Columns.BadLine("no partition name");
        }
        String availability = line.next().text();
        Columns cpus = line.rest();
        long[] counts = new long[4];
        int from = cpus.start();
        for (int i = 0; i < counts.length; i++) {
            int slash = cpus.find('/', from, cpus.end());
            if (i < counts.length - 1 && slash == cpus.end()) {
                throw new Columns.BadLine("CPUs are not allocated/idle/other/total");
            }
            counts[i] = cpus.number(from, i == counts.length - 1 ? cpus.end() : slash);
            from = slash + 1;
        }
        return new PartitionLine(name, isDefault, availability, counts[0], counts[1], counts[2], counts[3]);
    }
}
