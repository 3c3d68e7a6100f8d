package dk.sdu.im.testkit.browser;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file read from start to end on its own thread, ahead of the sender, as a browser reads the next slices of a
 * file while its WebSocket still sends the earlier ones (UCloud's upload code lets up to 64 MiB wait in the
 * socket's buffer). Without it the disk would idle while each piece is masked and sent. At most
 * {@link #BUFFERS} direct buffers of {@link #BUFFER_BYTES} are held.
 *
 * <p>One reading thread (its own) and one consuming thread (the caller's).
 */
final class FileReadAhead implements AutoCloseable {
    static final int BUFFER_BYTES = 1 << 20;
    static final int BUFFERS = 64;
    /** Put after the last buffer: the file ended. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final FileChannel file;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    /** Filled buffers in file order, then {@link #END}; or a failure, as an {@link UncheckedIOException} buffer-less. */
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread reader;
    private ByteBuffer current;

    FileReadAhead(FileChannel file) {
        this.file = file;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(BUFFER_BYTES));
        }
        this.reader = Thread.ofVirtual().name("file-read-ahead").start(this::readAll);
    }

    /**
     * The file's next bytes, at least one and at most {@code max}, in native byte order: the caller may change them,
     * until its next call. Fails with {@link EOFException} at the end of the file, or with the reader's failure.
     */
    ByteBuffer next(int max) throws IOException {
        if (current != null && !current.hasRemaining()) {
            free.add(current.clear());
            current = null;
        }
        if (current == null) {
            current = take();
        }
        int length = Math.min(max, current.remaining());
        ByteBuffer slice = current.slice(current.position(), length).order(ByteOrder.nativeOrder());
        current.position(current.position() + length);
        return slice;
    }

    @Override
    public void close() {
        reader.interrupt();
    }

    private ByteBuffer take() throws IOException {
        Object next;
        try {
            next = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the file", e);
        }
        if (next instanceof IOException failure) {
            ready.add(next);
            throw new IOException("reading the file failed: " + failure.getMessage(), failure);
        }
        if (next == END) {
            ready.add(next);
            throw new EOFException("the file ended");
        }
        return (ByteBuffer) next;
    }

    private void readAll() {
        long position = 0;
        try {
            while (true) {
                ByteBuffer buffer = free.take();
                boolean ended = false;
                while (buffer.hasRemaining() && !ended) {
                    int read = file.read(buffer, position + buffer.position());
                    ended = read < 0;
                }
                position += buffer.position();
                if (buffer.position() > 0) {
                    ready.put(buffer.flip());
                }
                if (ended) {
                    ready.put(END);
                    return;
                }
            }
        } catch (IOException e) {
            ready.offer(e);
        } catch (InterruptedException e) {
            // Closed: the sender needs no more.
        }
    }
}
