package dk.sdu.im.ipc.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The libc calls a netlink conversation needs, linked once when constructed (tens of milliseconds); each call
 * after that costs about as much as the system call. Results are libc's: negative on failure.
 */
final class LibcCalls {
    private final MethodHandle socket;
    private final MethodHandle send;
    private final MethodHandle recvfrom;
    private final MethodHandle close;

    /** Links the calls; throws (a runtime exception or linkage error) where native calls are unavailable. */
    LibcCalls(Linker linker) {
        var libc = linker.defaultLookup();
        socket = linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        send = linker.downcallHandle(libc.find("send").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        recvfrom = linker.downcallHandle(libc.find("recvfrom").orElseThrow(), FunctionDescriptor.of(
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    int socket(int domain, int type, int protocol) throws Throwable {
        return (int) socket.invokeExact(domain, type, protocol);
    }

    long send(int fd, MemorySegment bytes) throws Throwable {
        return (long) send.invokeExact(fd, bytes, bytes.byteSize(), 0);
    }

    /**
     * {@code recvfrom(2)} into {@code buffer}; the sender's address goes to {@code from}, its length to
     * {@code fromLength} (which holds the room in {@code from} before the call).
     */
    long receiveFrom(int fd, MemorySegment buffer, int flags, MemorySegment from, MemorySegment fromLength)
            throws Throwable {
        return (long) recvfrom.invokeExact(fd, buffer, buffer.byteSize(), flags, from, fromLength);
    }

    int close(int fd) throws Throwable {
        return (int) close.invokeExact(fd);
    }
}
