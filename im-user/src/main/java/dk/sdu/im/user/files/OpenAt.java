package dk.sdu.im.user.files;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The two native calls of the file core, through FFM: {@code openat(2)} and {@code close(2)}. The JDK can open a
 * directory without following a link ({@code SecureDirectoryStream}) but never says which descriptor it holds, and
 * without the number there is no {@code mkdirat}, {@code symlinkat}, {@code readlinkat}, {@code fchmod} or
 * {@code fstat} of the unix attributes. So the walk opens each folder itself, as an {@code O_PATH} descriptor
 * (search permission suffices, as for a path), and {@link DriveFolder} does everything else with the JDK's own file
 * calls on {@code /proc/self/fd/N/<name>}, which the kernel resolves from that descriptor.
 *
 * <p>Flags differ between architectures; IM/User supports Linux on x86-64 and AArch64 and refuses others here.
 * Linking costs a fresh instance tens of milliseconds once ({@code WarmUp} pays it before the first request);
 * the handles are constants, made on first use. Thread-safe.
 */
final class OpenAt {
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int AT_FDCWD = -100;
    private static final int ENOENT = 2;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;
    private static final int ENAMETOOLONG = 36;
    private static final int EMFILE = 24;
    private static final int ENFILE = 23;

    private OpenAt() {
    }

    /** ENOTDIR or ELOOP: the name is not a folder, or it is a symbolic link (which is never followed). */
    static final class NotADirectory extends FileSystemException {
        NotADirectory(String file) {
            super(file, null, "Not a directory");
        }
    }

    /** The folder at the absolute path {@code directory} (links on the way followed: the drive root is trusted). */
    static int directory(byte[] directory, String label) throws IOException {
        return open(AT_FDCWD, directory, Flags.DIRECTORY, label);
    }

    /** The folder {@code name} in the open folder {@code folder}, never through a symbolic link. */
    static int directory(int folder, byte[] name, String label) throws IOException {
        return open(folder, name, Flags.DIRECTORY | Flags.NOFOLLOW, label);
    }

    /** The entry {@code name} itself, whatever it is; a symbolic link is opened as the link, not followed. */
    static int entry(int folder, byte[] name, String label) throws IOException {
        return open(folder, name, Flags.NOFOLLOW, label);
    }

    static void close(int fd) {
        try {
            int ignored = (int) Calls.CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(2) failed to run", e);
        }
    }

    /**
     * openat(2) is variadic; it reads its mode only with O_CREAT or O_TMPFILE, which are never passed, so it is
     * declared and called with its first three parameters.
     */
    private static int open(int folder, byte[] name, int flags, String label) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocate(name.length + 1L);
            MemorySegment.copy(name, 0, path, ValueLayout.JAVA_BYTE, 0, name.length);
            MemorySegment state = arena.allocate(Calls.STATE);
            int fd = (int) Calls.OPENAT.invokeExact(state, folder, path, flags | O_PATH | O_CLOEXEC);
            if (fd < 0) {
                throw failure((int) Calls.ERRNO.get(state, 0L), label);
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("openat(2) failed to run", e);
        }
    }

    private static IOException failure(int errno, String label) {
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(label);
            case EACCES, EPERM -> new AccessDeniedException(label);
            case ENOTDIR, ELOOP -> new NotADirectory(label);
            case ENAMETOOLONG -> new FileSystemException(label, null, "File name too long");
            case EMFILE, ENFILE -> new FileSystemException(label, null, "Too many open files");
            default -> new FileSystemException(label, null, "openat failed with errno " + errno);
        };
    }

    /** The open(2) flags of this architecture. */
    private static final class Flags {
        static final int DIRECTORY;
        static final int NOFOLLOW;

        static {
            switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> {
                    DIRECTORY = 0200000;
                    NOFOLLOW = 0400000;
                }
                case "aarch64" -> {
                    DIRECTORY = 040000;
                    NOFOLLOW = 0100000;
                }
                default -> throw new UnsupportedOperationException(
                        "IM/User opens folders with openat(2) on Linux x86-64 and AArch64 only, not on "
                                + System.getProperty("os.arch"));
            }
        }
    }

    /** The linked calls; made when first used. */
    private static final class Calls {
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle OPENAT;
        static final MethodHandle CLOSE;

        static {
            Linker linker = Linker.nativeLinker();
            OPENAT = linker.downcallHandle(linker.defaultLookup().find("openat").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
            CLOSE = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }
    }
}
