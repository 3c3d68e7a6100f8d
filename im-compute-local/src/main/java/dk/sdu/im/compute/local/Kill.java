package dk.sdu.im.compute.local;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code kill(2)}, called through the FFM API (the JVM needs {@code --enable-native-access}, which every
 * process of the module gets). Java itself can only signal one process; this signals a whole process group.
 */
final class Kill {
    private final MethodHandle kill;

    /** Links the call; throws (a runtime exception or linkage error) where native calls are unavailable. */
    @SuppressWarnings("restricted") // the one downcall, its signature kill(2)'s: int kill(pid_t, int)
    Kill() {
        Linker linker = Linker.nativeLinker();
        kill = linker.downcallHandle(linker.defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /**
     * Sends {@code signal} to every process of group {@code pgid}; false when none got it (the group is empty:
     * {@code ESRCH}). A pgid of 0 or 1 would mean this process's own group or every process, so it is refused.
     */
    boolean group(long pgid, Signal signal) {
        if (pgid <= 1 || pgid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process group of a job: " + pgid);
        }
        try {
            return (int) kill.invokeExact((int) -pgid, signal.number) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("kill(2) could not be called", e);
        }
    }
}
