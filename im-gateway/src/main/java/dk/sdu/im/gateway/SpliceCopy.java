package dk.sdu.im.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One bulk copy from a socket to a socket inside the kernel: {@code splice(2)} moves the bytes from the source into
 * a pipe and from the pipe into the sink, so they never enter user space (a user-space relay reads every byte into
 * a buffer and writes it out again, which costs about a third of a loopback transfer's rate). Made by
 * {@link KernelSplice#between}, used by a {@link ChannelCopy} once the bytes its source's stream had buffered have
 * gone first.
 *
 * <p>The copy works on its own duplicates of the two sockets' descriptors: the JDK closes a channel's descriptor at
 * once when no read or write of its own is in progress, and the kernel hands the number to the next socket it opens,
 * which a splice on the channel's number could then reach. A duplicate stays valid until this copy closes it, but it
 * also keeps the socket open: whoever ends a copy from outside (the idle watch, the other half of a tunnel) shuts the
 * sockets down first ({@link Endpoint#abort}), which wakes the copy and makes its next splice fail.
 *
 * <p>Both sockets are non-blocking (the JDK makes a channel's socket so once a virtual thread uses it; the copy
 * makes sure), and so is the pipe: a splice that would block returns {@code EAGAIN}, and the copy then parks its
 * virtual thread until the socket it waits for is ready ({@link ChannelDescriptors.Waiter}) instead of holding a
 * carrier thread in the kernel. Every move reports progress to the {@link IdleWatch}. Confined to one thread.
 */
final class SpliceCopy implements AutoCloseable {
    /**
     * The pipe's size. The default 16 pages (64 KiB) limit each move to that much, and a copy then spent about half
     * again as much CPU per byte as the user-space copy through 1 MiB; with 1 MiB (the most an unprivileged process
     * may ask for) it spends a little less. Each such pipe counts 256 pages against the service account's soft limit
     * of 16,384 ({@code fs.pipe-user-pages-soft}): from the 65th bulk copy at once on, pipes keep the default size,
     * and past the limit the copies go through user space ({@link KernelSplice}).
     */
    static final int PIPE_BYTES = 1024 * 1024;

    private final SpliceCalls calls;
    private final IdleWatch watch;
    private final KernelSplice.Counter counter;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state;
    private final int source;
    private final int sink;
    private final int pipeOut;
    private final int pipeIn;
    private final ChannelDescriptors.Waiter sourceReady;
    private final ChannelDescriptors.Waiter sinkReady;
    /** Times the sink: bytes waiting in the pipe that it does not take for the idle time end the copy. */
    private final IdleWatch.Writes writes;
    /** Bytes in the pipe, read from the source and not yet written to the sink. */
    private long inPipe;
    /** Whether the pipe's bytes have waited for the sink since they last moved. */
    private boolean writing;

    /** Takes ownership of the four descriptors: {@code source} and {@code sink} are duplicates made for this copy. */
    SpliceCopy(SpliceCalls calls, ChannelDescriptors descriptors, int source, int sink, int[] pipe, IdleWatch watch,
            KernelSplice.Counter counter) {
        this.calls = calls;
        this.watch = watch;
        this.writes = watch.writes();
        this.counter = counter;
        this.state = SpliceCalls.callState(arena);
        this.source = source;
        this.sink = sink;
        this.pipeOut = pipe[0];
        this.pipeIn = pipe[1];
        this.sourceReady = descriptors.waiter(source);
        this.sinkReady = descriptors.waiter(sink);
        counter.copyStarted();
    }

    /**
     * Copies exactly {@code length} bytes.
     *
     * @throws EOFException if the source ends first
     */
    void exactly(long length) throws IOException {
        long remaining = length;
        while (remaining > 0 || inPipe > 0) {
            long read = remaining > 0 ? fill(remaining) : 0;
            if (read < 0) {
                throw new EOFException("the stream ended " + remaining + " bytes before the end of the body");
            }
            remaining -= read;
            long written = drain();
            if (read == 0 && written == 0) {
                await();
            }
        }
    }

    /** Copies until the source ends. */
    void untilEnd() throws IOException {
        boolean ended = false;
        while (!ended || inPipe > 0) {
            long read = ended ? 0 : fill(Long.MAX_VALUE);
            ended = read < 0;
            long written = drain();
            if (read == 0 && written == 0) {
                await();
            }
        }
    }

    /** Moves what the source has (at most {@code limit} bytes) into the pipe; how many, 0 if none now, -1 at its end. */
    private long fill(long limit) throws IOException {
        long moved = retried(source, pipeIn, Math.min(limit, PIPE_BYTES));
        if (moved == 0) {
            return -1;
        }
        if (moved == -SpliceCalls.EAGAIN) {
            return 0; // the source has nothing now, or the pipe is full
        }
        if (moved < 0) {
            throw SpliceCalls.failure("splice from the source", (int) -moved);
        }
        inPipe += moved;
        watch.progress();
        return moved;
    }

    /** Moves what the pipe holds into the sink, as much as it takes now; how many. */
    private long drain() throws IOException {
        if (inPipe == 0) {
            return 0;
        }
        long moved = retried(pipeOut, sink, inPipe);
        if (moved == -SpliceCalls.EAGAIN) {
            return 0;
        }
        if (moved <= 0) {
            throw SpliceCalls.failure("splice to the sink", moved == 0 ? 0 : (int) -moved);
        }
        inPipe -= moved;
        counter.moved(moved);
        if (!writing) {
            watch.progress();
        } else if (inPipe == 0) {
            writes.end();
            writing = false;
        } else {
            writes.moved();
        }
        return moved;
    }

    private long retried(int in, int out, long length) {
        long moved;
        do {
            moved = calls.splice(state, in, out, length);
        } while (moved == -SpliceCalls.EINTR);
        return moved;
    }

    /**
     * Neither side could move: waits for the sink if the pipe holds bytes for it (the source may well have more,
     * but the pipe must drain first), else for the source. An interrupt (the gateway is closing) ends the copy.
     */
    private void await() throws IOException {
        if (inPipe > 0) {
            if (!writing) {
                writes.begin();
                writing = true;
            }
            sinkReady.writable();
        } else {
            sourceReady.readable();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted during a bulk copy");
        }
    }

    @Override
    public void close() {
        calls.close(pipeIn);
        calls.close(pipeOut);
        calls.close(source);
        calls.close(sink);
        arena.close();
    }
}
