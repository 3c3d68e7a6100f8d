import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run as a local user who may write a folder inside someone else's drive (ConfinementSystemTest, issue 13): makes
 * {@code args[1]} a symlink to {@code args[2]} and swaps it with the folder {@code args[0]} with
 * renameat2(RENAME_EXCHANGE) until it is terminated, then puts the folder back under its name. Prints "swapping"
 * once it runs.
 */
public class FolderSwapper {
    public static void main(String[] args) throws Throwable {
        Path folder = Path.of(args[0]);
        Path link = Path.of(args[1]);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(args[2]));
        Linker linker = Linker.nativeLinker();
        MethodHandle renameat2 = linker.downcallHandle(linker.defaultLookup().find("renameat2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        var running = new AtomicBoolean(true);
        var restored = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                restored.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom(folder.toString());
            MemorySegment b = arena.allocateFrom(link.toString());
            System.out.println("swapping");
            System.out.flush();
            while (running.get()) {
                if ((int) renameat2.invokeExact(-100, a, -100, b, 2) != 0) {
                    throw new IllegalStateException("renameat2 failed");
                }
            }
            if (Files.isSymbolicLink(folder) && (int) renameat2.invokeExact(-100, a, -100, b, 2) != 0) {
                throw new IllegalStateException("renameat2 failed");
            }
        } finally {
            restored.countDown();
        }
    }
}
