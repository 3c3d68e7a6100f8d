package dk.sdu.im.user.files;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The attacker of issue 13: a thread that swaps a folder inside the drive with a symlink to a folder outside it,
 * over and over, with {@code renameat2(RENAME_EXCHANGE)}, so that at every instant the folder's name is either
 * the real folder or the link and never missing. Someone who may write the folder's parent can do this from a
 * shell; a file call that checks the name and then uses it again lands outside whenever a swap falls in between.
 */
final class LinkSwapper implements AutoCloseable {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;
    private static final MethodHandle RENAMEAT2 = renameat2();

    private final Path folder;
    private final Path link;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /**
     * Makes {@code link}, a symlink to {@code outside}, beside the existing folder {@code folder}, and starts swapping
     * the two names. {@link #close} stops with the real folder back under its name.
     */
    LinkSwapper(Path folder, Path link, Path outside) throws Exception {
        this.folder = folder;
        this.link = Files.createSymbolicLink(link, outside);
        this.thread = Thread.ofPlatform().name("link-swapper").daemon().start(() -> {
            try {
                swap();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
    }

    /** How many swaps were done so far. */
    long swaps() {
        return swaps.get();
    }

    /**
     * Waits (a few seconds at most) until at least one more swap is done, so that consecutive calls of a test meet
     * the folder in states the test cannot predict, even when the swapper's thread gets little CPU.
     */
    void awaitNextSwap() {
        long seen = swaps.get();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (swaps.get() == seen && failure.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private void swap() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(folder.toString());
            MemorySegment b = arena.allocateFrom(link.toString());
            while (running.get()) {
                if (exchange(a, b) != 0) {
                    throw new IllegalStateException("renameat2 failed");
                }
                swaps.incrementAndGet();
            }
            if (Files.isSymbolicLink(folder) && exchange(a, b) != 0) {
                throw new IllegalStateException("renameat2 failed");
            }
        }
    }

    private static int exchange(MemorySegment a, MemorySegment b) {
        try {
            return (int) RENAMEAT2.invokeExact(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops swapping; fails if a swap failed (the race did not happen as the test meant it to). */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("the swapper failed", failure.get());
        }
    }

    private static MethodHandle renameat2() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find("renameat2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
