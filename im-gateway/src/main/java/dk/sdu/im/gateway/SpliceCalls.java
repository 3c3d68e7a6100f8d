package dk.sdu.im.gateway;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of a {@link SpliceCopy}, through FFM: {@code pipe2(2)}, {@code splice(2)}, {@code fcntl(2)} (to
 * duplicate a descriptor, read and set its flags, size a pipe) and {@code close(2)}. Linked once per JVM, when
 * {@link KernelSplice#link} first asks; each call then costs about as much as the system call. Failures come back as the
 * negated {@code errno}, so the copy's hot path allocates nothing and throws only for real errors.
 *
 * <p>The constants are those of Linux on x86-64 and AArch64 (the generic ones); {@link KernelSplice} links on those
 * only. Thread-safe: the handles are immutable, and {@code errno} is captured per call into the caller's memory.
 */
final class SpliceCalls {
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    /** Move pages instead of copying them where the kernel can; the kernel treats it as a hint. */
    static final int SPLICE_F_MOVE = 1;
    /** Do not block on the pipe (the sockets are non-blocking themselves, see {@link SpliceCopy}). */
    static final int SPLICE_F_NONBLOCK = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * Links the calls, the first time in a JVM (about 0.2 s); throws (a runtime exception or linkage error) where
     * native calls are unavailable.
     */
    SpliceCalls() {
        Handles.link();
    }

    /** Memory for the {@code errno} of the calls made with it; one per copy, confined to its thread. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(STATE);
    }

    /**
     * A new pipe whose ends are non-blocking and closed on exec: {@code [read end, write end]}.
     *
     * @throws IOException if the system has no descriptors to spare (EMFILE, ENFILE)
     */
    int[] pipe(MemorySegment state) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            int result = (int) Handles.PIPE2.invokeExact(state, fds, O_NONBLOCK | O_CLOEXEC);
            if (result < 0) {
                throw failure("pipe2", errno(state));
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("pipe2(2) failed to run", e);
        }
    }

    /** Moves at most {@code length} bytes from {@code in} to {@code out} (one of them a pipe); bytes moved, 0 at the end of the input, or -errno. */
    long splice(MemorySegment state, int in, int out, long length) {
        try {
            long moved = (long) Handles.SPLICE.invokeExact(state, in, MemorySegment.NULL, out, MemorySegment.NULL, length,
                    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            return moved < 0 ? -errno(state) : moved;
        } catch (Throwable e) {
            throw new IllegalStateException("splice(2) failed to run", e);
        }
    }

    /**
     * A duplicate of {@code fd} (the lowest free number, closed on exec), or -errno: a copy splices through its own
     * duplicates, which no one else can close and whose number no other socket can take while it runs.
     */
    int duplicate(MemorySegment state, int fd) {
        return fcntl(state, fd, F_DUPFD_CLOEXEC, 0);
    }

    /** Sets {@code O_NONBLOCK} on the open file {@code fd} refers to, if it is not set already; 0 or -errno. */
    int nonBlocking(MemorySegment state, int fd) {
        int flags = fcntl(state, fd, F_GETFL, 0);
        if (flags < 0 || (flags & O_NONBLOCK) != 0) {
            return Math.min(flags, 0);
        }
        return Math.min(fcntl(state, fd, F_SETFL, flags | O_NONBLOCK), 0);
    }

    /** Asks for a pipe of {@code bytes}; the size it got, or -errno (a user over the pipe-user-pages limit keeps the default). */
    int pipeSize(MemorySegment state, int pipe, int bytes) {
        return fcntl(state, pipe, F_SETPIPE_SZ, bytes);
    }

    /** The pipe's size in bytes, or -errno. */
    int pipeSize(MemorySegment state, int pipe) {
        return fcntl(state, pipe, F_GETPIPE_SZ, 0);
    }

    void close(int fd) {
        try {
            int ignored = (int) Handles.CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(2) failed to run", e);
        }
    }

    private int fcntl(MemorySegment state, int fd, int command, int argument) {
        try {
            int result = (int) Handles.FCNTL.invokeExact(state, fd, command, argument);
            return result < 0 ? -errno(state) : result;
        } catch (Throwable e) {
            throw new IllegalStateException("fcntl(2) failed to run", e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** An I/O failure of {@code call} with the given errno. */
    static IOException failure(String call, int errno) {
        return new IOException(call + " failed with errno " + errno);
    }

    /** The downcall handles: constants, linked when first used. */
    @SuppressWarnings("restricted") // four downcalls with libc's own signatures, below
    private static final class Handles {
        static final MethodHandle PIPE2;
        static final MethodHandle SPLICE;
        static final MethodHandle FCNTL;
        static final MethodHandle CLOSE;

        static {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            // int pipe2(int pipefd[2], int flags)
            PIPE2 = linker.downcallHandle(libc.find("pipe2").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
            // ssize_t splice(int fd_in, off64_t *off_in, int fd_out, off64_t *off_out, size_t len, unsigned int flags)
            SPLICE = linker.downcallHandle(libc.find("splice").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), errno);
            // int fcntl(int fd, int cmd, ...): called with one int argument, declared as the variadic one it is
            FCNTL = linker.downcallHandle(libc.find("fcntl").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno,
                    Linker.Option.firstVariadicArg(2));
            // int close(int fd)
            CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }

        /** Runs the static initializer, whose failure (an ExceptionInInitializerError) means no native calls. */
        static void link() {
            // Nothing more: referring to the class initializes it.
        }
    }
}
