package dk.sdu.im.compute.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Bounded waits for what real processes do eventually; never an assertion about how long it took. */
final class Waiting {
    private static final long LIMIT_NANOS = 20_000_000_000L;

    private Waiting() {}

    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** The pid a script wrote to {@code file}, once it has written it whole. */
    static long pidIn(Path file) {
        until(() -> read(file).endsWith("\n"), file.toString());
        return Long.parseLong(read(file).strip());
    }

    /** Waits until process {@code pid} is gone (or a zombie nobody has reaped yet: it runs no more). */
    static void untilGone(long pid) {
        until(() -> gone(pid), "process " + pid + " to be gone");
    }

    private static boolean gone(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() || stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
