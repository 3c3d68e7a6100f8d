package dk.sdu.im.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * Where a transfer's CPU goes: the user and system time of named processes (from {@code /proc/<pid>/stat}, all
 * their threads) and of the whole machine (from {@code /proc/stat}) between {@link #start} and {@link #stop}, summed
 * over runs. On two cores every process of a transfer (client, gateway, instance) and the kernel's writeback share
 * the same CPUs, so these figures say which part limits the rate, which the rate alone cannot.
 */
final class CpuMeter {
    /** Clock ticks per second in {@code /proc}: USER_HZ, 100 on every Linux architecture Java runs on here. */
    private static final double TICKS_PER_SECOND = Double.parseDouble(Host.must("getconf", "CLK_TCK").strip());

    /** Milliseconds of CPU in one clock tick of {@code /proc}. */
    static final double MILLIS_PER_TICK = 1000 / TICKS_PER_SECOND;

    private final SequencedMap<String, Long> pids;
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private final Map<String, Long> atStart = new LinkedHashMap<>();
    private long busyTotal;
    private long busyAtStart;
    private long wallNanos;
    private long wallAtStart;

    /** Meters {@code pids} (name to process id), in that order. */
    CpuMeter(SequencedMap<String, Long> pids) {
        this.pids = pids;
        pids.keySet().forEach(name -> totals.put(name, 0L));
    }

    void start() throws IOException {
        for (var pid : pids.entrySet()) {
            atStart.put(pid.getKey(), ticks(pid.getValue()));
        }
        busyAtStart = machineBusyTicks();
        wallAtStart = System.nanoTime();
    }

    void stop() throws IOException {
        wallNanos += System.nanoTime() - wallAtStart;
        busyTotal += machineBusyTicks() - busyAtStart;
        for (var pid : pids.entrySet()) {
            totals.merge(pid.getKey(), ticks(pid.getValue()) - atStart.get(pid.getKey()), Long::sum);
        }
    }

    /**
     * E.g. "CPU s per GiB: client 0.61, gateway 0.30, instance 0.75; machine busy 1.93 of 2 cores": each process's
     * CPU seconds per {@code gib} moved, and the machine's average busy cores while metered.
     */
    String describe(double gib) {
        String each = totals.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / TICKS_PER_SECOND / gib))
                .collect(Collectors.joining(", "));
        double busyCores = busyTotal / TICKS_PER_SECOND / (wallNanos / 1e9);
        return String.format(Locale.ROOT, "CPU s per GiB: %s; machine busy %.2f of %d cores", each, busyCores,
                Runtime.getRuntime().availableProcessors());
    }

    /** utime + stime of a process and its threads (not its children), in clock ticks. */
    static long ticksOf(long pid) throws IOException {
        return ticks(pid);
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** All CPUs' user, nice, system, irq and softirq time since boot (not idle, iowait or steal), in clock ticks. */
    private static long machineBusyTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7}) {
            busy += Long.parseLong(cpu[field]);
        }
        return busy;
    }
}
