package dk.sdu.im.testkit.browser;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a whole exchange on a blocking {@link SocketChannel}, whose reads and writes know no timeout: closes the
 * socket once {@code timeout} passes unless {@link #close} came first. A blocked call then fails with a
 * {@link java.nio.channels.ClosedChannelException}, and {@link #fired()} tells a timeout from any other close.
 */
record SocketWatchdog(Thread thread, AtomicBoolean timedOut) implements AutoCloseable {
    static SocketWatchdog start(SocketChannel socket, Duration timeout) {
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().name("socket-watchdog").start(() -> {
            try {
                Thread.sleep(timeout);
                timedOut.set(true);
                socket.close();
            } catch (InterruptedException | IOException e) {
                // Finished in time, or the socket is closed already.
            }
        });
        return new SocketWatchdog(thread, timedOut);
    }

    boolean fired() {
        return timedOut.get();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
