package dk.sdu.im.api.host;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The effective uid of this process, as the kernel reports it: the {@code Uid:} line of {@code /proc/self/status}
 * (real, effective, saved, file-system uid), or {@code geteuid(2)} through FFM where that file cannot be read.
 * Reading the file is the fast path: linking a native call costs a fresh instance tens of milliseconds.
 */
public final class ProcessIdentity {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessIdentity() {
    }

    public static int effectiveUid() {
        try {
            return effectiveUidIn(Files.readAllLines(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            return geteuid();
        }
    }

    /** The second number of the {@code Uid:} line; IllegalArgumentException if there is none. */
    static int effectiveUidIn(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring("Uid:".length()).strip().split("\\s+");
                if (ids.length == 4) {
                    return Integer.parseInt(ids[1]);
                }
            }
        }
        throw new IllegalArgumentException("no Uid line with four ids");
    }

    private static int geteuid() {
        Linker linker = Linker.nativeLinker();
        MethodHandle geteuid = linker.downcallHandle(
                linker.defaultLookup().find("geteuid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        try {
            return (int) geteuid.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("geteuid failed", e);
        }
    }

    /**
     * The one-line refusal for a process that must not run as root, or null when {@code euid} is fine.
     * Kept separate from the exit so the rule is testable without root.
     */
    public static String refusalForRoot(String process, int euid) {
        if (euid != 0) {
            return null;
        }
        return process + " refuses to run as root (effective uid 0); start it as the service user, e.g. "
                + "runuser -u ucloud -- ucloud-im server";
    }

    /** Exits with status 77 and one line on stderr when running as root. */
    public static void refuseRoot(String process) {
        String refusal = refusalForRoot(process, effectiveUid());
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(77);
        }
    }
}
