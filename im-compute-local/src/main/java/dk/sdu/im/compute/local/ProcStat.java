package dk.sdu.im.compute.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** What Linux's {@code /proc/<pid>/stat} says of a process that Java does not: its process group. */
final class ProcStat {
    private ProcStat() {}

    /** The process group of {@code pid}; empty when the process is gone (or already reaped). */
    static OptionalLong groupOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so count from the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return OptionalLong.of(Long.parseLong(fields[2]));
    }
}
