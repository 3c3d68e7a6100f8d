package dk.sdu.im.gateway;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bulk copies inside the kernel ({@link SpliceCopy}), where the platform allows them: Linux on x86-64 or AArch64,
 * native access enabled, and {@code sun.nio.ch} exported to this code ({@link ChannelDescriptors}). Linked once per
 * gateway by {@link #link}, which says once, in the log, why the gateway copies through user space when it cannot.
 * A copy is spliced only between two plain socket channels (a TLS socket has none, and its bytes must pass through
 * the TLS engine anyway) on a virtual thread (whose waits park; the gateway runs every copy on one); any other copy,
 * and any copy whose setup fails, takes the user-space path of {@link ChannelCopy}. Thread-safe.
 */
final class KernelSplice {
    private static final System.Logger LOG = System.getLogger(KernelSplice.class.getName());
    /** A pipe's default size (16 pages); a smaller one means the account ran out of pipe pages. */
    private static final int MIN_PIPE_BYTES = 64 * 1024;

    private final SpliceCalls calls;
    private final ChannelDescriptors descriptors;
    private final Counter counter = new Counter();

    private KernelSplice(SpliceCalls calls, ChannelDescriptors descriptors) {
        this.calls = calls;
        this.descriptors = descriptors;
    }

    /**
     * The calls linked and proven on a pipe, or empty, with the reason logged. The first time in a JVM this takes
     * about a quarter of a second (linking the downcalls), later ones a few milliseconds.
     */
    static Optional<KernelSplice> link() {
        String os = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        if (!os.equals("Linux/amd64") && !os.equals("Linux/aarch64")) {
            return unavailable("splice(2) is used on Linux on x86-64 and AArch64 only, not on " + os);
        }
        try {
            SpliceCalls calls = new SpliceCalls();
            ChannelDescriptors descriptors = ChannelDescriptors.link();
            proveOnAPipe(calls, descriptors);
            return Optional.of(new KernelSplice(calls, descriptors));
        } catch (ReflectiveOperationException e) {
            return unavailable("the JDK does not give the sockets' descriptors (IM/Server is launched with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED): " + e);
        } catch (RuntimeException | LinkageError | IOException e) {
            return unavailable("splice(2) could not be linked (IM/Server is launched with "
                    + "--enable-native-access=ALL-UNNAMED): " + e);
        }
    }

    /**
     * Makes a pipe and waits, on a virtual thread, for its write end to be writable (at once): every call and the
     * wait work, or this throws before any copy relies on them.
     */
    private static void proveOnAPipe(SpliceCalls calls, ChannelDescriptors descriptors) throws IOException {
        int[] pipe;
        try (Arena arena = Arena.ofConfined()) {
            pipe = calls.pipe(SpliceCalls.callState(arena));
        }
        try {
            ChannelDescriptors.Waiter waiter = descriptors.waiter(pipe[1]);
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread.ofVirtual().start(() -> {
                try {
                    waiter.writable();
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            }).join();
            if (failure.get() != null) {
                throw new IOException("waiting for a descriptor failed", failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while proving splice(2)", e);
        } finally {
            calls.close(pipe[0]);
            calls.close(pipe[1]);
        }
    }

    private static Optional<KernelSplice> unavailable(String reason) {
        LOG.log(System.Logger.Level.WARNING, "bulk transfers are copied through user space: {0}", reason);
        return Optional.empty();
    }

    /**
     * A kernel copy from {@code from}'s socket to {@code to}'s, or empty when this copy cannot be spliced (no channel
     * on either side, not on a virtual thread, a socket already closed, no descriptors to spare).
     */
    Optional<SpliceCopy> between(Endpoint from, Endpoint to, IdleWatch watch) {
        SocketChannel in = from.socket().getChannel();
        SocketChannel out = to.socket().getChannel();
        if (in == null || out == null || !Thread.currentThread().isVirtual()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = SpliceCalls.callState(arena);
            int source = duplicate(state, in);
            if (source < 0) {
                return Optional.empty();
            }
            int sink = duplicate(state, out);
            if (sink < 0) {
                calls.close(source);
                return Optional.empty();
            }
            try {
                return Optional.of(new SpliceCopy(calls, descriptors, source, sink, pipe(state), watch, counter));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "a bulk copy goes through user space: {0}", e.toString());
                calls.close(source);
                calls.close(sink);
                return Optional.empty();
            }
        }
    }

    /**
     * A non-blocking duplicate of the channel's descriptor, or -1. It is the channel's socket only if the channel is
     * still open after the duplicate was made: a channel closed before it may have given its number to another
     * socket (a closed channel never opens again, so open afterwards means open before).
     */
    private int duplicate(MemorySegment state, SocketChannel channel) {
        int fd = calls.duplicate(state, descriptors.of(channel));
        if (fd < 0) {
            return -1;
        }
        if (!channel.isOpen() || calls.nonBlocking(state, fd) < 0) {
            calls.close(fd);
            return -1;
        }
        return fd;
    }

    /**
     * A pipe of {@link SpliceCopy#PIPE_BYTES} if the account may have one that large, else of the default size.
     *
     * @throws IOException if there are no descriptors to spare, or the pipe is smaller than the default: an account
     *     over the kernel's soft limit of pipe pages ({@code fs.pipe-user-pages-soft}, 64 MiB) gets pipes of two
     *     pages, through which a copy would crawl, so it copies in user space instead
     */
    private int[] pipe(MemorySegment state) throws IOException {
        int[] pipe = calls.pipe(state);
        if (SpliceCopy.PIPE_BYTES > MIN_PIPE_BYTES) {
            calls.pipeSize(state, pipe[1], SpliceCopy.PIPE_BYTES); // refused (EPERM) over the limit: the size stays
        }
        int size = calls.pipeSize(state, pipe[1]);
        if (size < MIN_PIPE_BYTES) {
            calls.close(pipe[0]);
            calls.close(pipe[1]);
            throw new IOException("the pipe holds " + size + " bytes: the account is over its pipe page limit");
        }
        return pipe;
    }

    /** What the kernel copies moved; for tests and diagnostics. */
    Counter counter() {
        return counter;
    }

    /** Kernel copies made and bytes they delivered to sinks, since the gateway started. */
    static final class Counter {
        private final LongAdder copies = new LongAdder();
        private final LongAdder bytes = new LongAdder();

        void copyStarted() {
            copies.increment();
        }

        void moved(long count) {
            bytes.add(count);
        }

        long copies() {
            return copies.sum();
        }

        long bytes() {
            return bytes.sum();
        }
    }
}
