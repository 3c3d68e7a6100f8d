package dk.sdu.im.api.host;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The effective uid of this process, read with {@code geteuid(2)} through FFM. */
public final class ProcessIdentity {
    private ProcessIdentity() {
    }

    public static int effectiveUid() {
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
