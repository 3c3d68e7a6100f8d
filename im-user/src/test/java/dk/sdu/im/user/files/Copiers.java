package dk.sdu.im.user.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** File copiers for tests: one that stops at a gate, one that fails half-way through a file. */
final class Copiers {
    static final FileCopier REAL = FileCopier.chunked(64 * 1024);

    private Copiers() {
    }

    /**
     * Waits before copying the file named {@code name} (or, without a name, the first file copied) until
     * {@link #open} (and says it got there).
     */
    static final class Gate implements FileCopier {
        private final String name;
        private final FileCopier inner;
        final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        Gate(String name, FileCopier inner) {
            this.name = name;
            this.inner = inner;
        }

        Gate(String name) {
            this(name, REAL);
        }

        /**
         * A gate at whichever file is copied first: directories are listed in the file system's order (hash order on
         * ext4), so a gate named for one file may come after a file meant to follow it.
         */
        static Gate atFirstFile(FileCopier inner) {
            return new Gate(null, inner);
        }

        void open() {
            opened.countDown();
        }

        void awaitReached() throws InterruptedException {
            if (!reached.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the copy never reached " + name);
            }
        }

        @Override
        public void copy(Path source, Path target, java.util.function.LongConsumer copied, Runnable checkpoint)
                throws IOException {
            boolean first = reached.getCount() > 0;
            if (name == null ? first : source.getFileName().toString().equals(name)) {
                reached.countDown();
                try {
                    if (!opened.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            inner.copy(source, target, copied, checkpoint);
        }
    }

    /** Copies like the real copier, except the file named {@code name}: half of it is written, then {@code failure}. */
    static FileCopier failingAt(String name, IOException failure) {
        return (source, target, copied, checkpoint) -> {
            if (!source.getFileName().toString().equals(name)) {
                REAL.copy(source, target, copied, checkpoint);
                return;
            }
            byte[] bytes = Files.readAllBytes(source);
            Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length / 2), StandardOpenOption.CREATE_NEW);
            throw failure;
        };
    }
}
