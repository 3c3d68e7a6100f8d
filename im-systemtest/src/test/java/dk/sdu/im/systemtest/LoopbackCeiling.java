package dk.sdu.im.systemtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fastest a file can cross loopback TCP in Java on this machine: a sender thread hands the file to the socket
 * with {@link FileChannel#transferTo} (sendfile, no copy in user space), a receiver thread reads the socket into one
 * 1 MiB direct buffer and writes it to the target file. No protocol, no framing, no sync. With {@code relayed}, a
 * third thread sits between them and moves the bytes from one socket to the next through its own 1 MiB direct
 * buffer: the shape of a transfer through the gateway, with nothing else. Every HTTP transfer crosses at least one
 * hop (through the gateway, two) and writes the file, so these are its ceilings here; {@code cp} (a copy inside
 * the kernel) is not reachable through any socket.
 */
record LoopbackCeiling(Path source, Path target, boolean relayed) {
    private static final int BUFFER_BYTES = 1 << 20;

    /** Copies {@code source} to {@code target} (created or truncated) over the hop or hops; the bytes received. */
    long copy() throws IOException, InterruptedException {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
                ServerSocketChannel relay = ServerSocketChannel.open();
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            relay.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Future<Long> relayedBytes = relayed ? threads.submit(() -> relay(relay, listener.getLocalAddress())) : null;
            Future<Long> sent = threads.submit(() -> send(relayed ? relay.getLocalAddress() : listener.getLocalAddress()));
            long received;
            try (SocketChannel socket = listener.accept()) {
                received = receive(socket);
            }
            if (relayed && result(relayedBytes) != received) {
                throw new IOException("the relay passed on " + result(relayedBytes) + " bytes but " + received + " arrived");
            }
            long sentBytes = result(sent);
            if (sentBytes != received) {
                throw new IOException("sent " + sentBytes + " bytes but received " + received);
            }
            return received;
        }
    }

    private long send(java.net.SocketAddress to) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ); SocketChannel socket = SocketChannel.open(to)) {
            long size = in.size();
            long sent = 0;
            while (sent < size) {
                sent += in.transferTo(sent, size - sent, socket);
            }
            return sent;
        }
    }

    /** Accepts the sender on {@code from}, connects to {@code to}, and passes every byte on; how many. */
    private static long relay(ServerSocketChannel from, java.net.SocketAddress to) throws IOException {
        try (SocketChannel in = from.accept(); SocketChannel out = SocketChannel.open(to)) {
            return pump(in, out);
        }
    }

    private long receive(SocketChannel socket) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return pump(socket, out);
        }
    }

    /** Moves everything {@code in} yields to {@code out} through one direct buffer; how many bytes. */
    private static long pump(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        long moved = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            moved += read;
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            buffer.clear();
        }
        return moved;
    }

    private static long result(Future<Long> task) throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the sender or relay failed", e.getCause());
        }
    }
}
