package dk.sdu.im.server.instances;

import dk.sdu.im.ipc.kernel.SocketDiagnostics;
import dk.sdu.im.ipc.kernel.SocketDiagnostics.Listener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Kernel facts: a process's parent (from {@code /proc}), and whether a uid owns a listening TCP socket on a
 * loopback port (socket diagnostics, else {@code /proc/net}; both give {@link Listener}s, judged by one rule).
 * Used to verify an instance's claims; reads only, never trusts the process itself.
 */
public final class ProcFacts {
    private static final String LISTEN = "0A";
    private static final byte[] LOOPBACK_V4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] MAPPED_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};

    private final Path proc;
    private final Optional<SocketDiagnostics> diagnostics;

    /** Reads {@code proc} only (no socket diagnostics). */
    public ProcFacts(Path proc) {
        this(proc, Optional.empty());
    }

    private ProcFacts(Path proc, Optional<SocketDiagnostics> diagnostics) {
        this.proc = proc;
        this.diagnostics = diagnostics;
    }

    /** The running kernel's facts: listeners from socket diagnostics (linked now), else from {@code /proc}. */
    public static ProcFacts system() {
        return new ProcFacts(Path.of("/proc"), SocketDiagnostics.link());
    }

    /** The parent pid of {@code pid}, or empty when the process is gone. */
    public OptionalLong parentOf(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The resident memory of {@code pid} in bytes ({@code VmRSS} in {@code /proc/PID/status}), or empty when unreadable. */
    public OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return f.length == 2 && f[1].equals("kB") ? OptionalLong.of(Long.parseLong(f[0]) * 1024) : OptionalLong.empty();
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code pid} is {@code ancestor} or one of its descendants (walking parents up to pid 1). */
    public boolean descendsFrom(long pid, long ancestor) {
        long current = pid;
        for (int depth = 0; depth < 64 && current > 1; depth++) {
            if (current == ancestor) {
                return true;
            }
            OptionalLong parent = parentOf(current);
            if (parent.isEmpty()) {
                return false;
            }
            current = parent.getAsLong();
        }
        return current == ancestor;
    }

    /** Whether a socket owned by {@code uid} listens on 127.0.0.1:{@code port} (or [::1] / a v4-mapped ::1). */
    public boolean listensOnLoopback(int port, int uid) {
        return notListeningOnLoopback(uid, port).isEmpty();
    }

    /**
     * Those of {@code ports} on which no loopback socket owned by {@code uid} listens: from socket diagnostics
     * where they answer ({@link SocketDiagnostics}), else from {@code /proc}. Each table is read at most
     * once for all ports: the kernel walks its whole connection hash table for every read of one (milliseconds
     * each, measured), and this runs while a user waits for a cold start. The IPv6 table comes first because the
     * JDK binds dual-stack sockets, which list 127.0.0.1 there as ::ffff:127.0.0.1.
     */
    public Set<Integer> notListeningOnLoopback(int uid, int... ports) {
        Set<Integer> missing = new TreeSet<>();
        Arrays.stream(ports).forEach(missing::add);
        Optional<List<Listener>> kernel = diagnostics.flatMap(SocketDiagnostics::listeners);
        List<Supplier<List<Listener>>> sources = kernel.isPresent() ? List.of(kernel::get)
                : List.of(() -> table("net/tcp6", false), () -> table("net/tcp", true));
        for (Supplier<List<Listener>> source : sources) {
            if (missing.isEmpty()) {
                break;
            }
            source.get().stream().filter(l -> l.uid() == uid && loopback(l)).forEach(l -> missing.remove(l.port()));
        }
        return missing;
    }

    /** The listeners of one {@code /proc/net} table; none if it cannot be read, malformed lines skipped. */
    private List<Listener> table(String name, boolean v4) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return List.of();
        }
        List<Listener> listeners = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            int colon = f.length < 8 ? -1 : f[1].indexOf(':');
            if (colon < 0 || !f[3].equals(LISTEN)) {
                continue;
            }
            try {
                listeners.add(new Listener(v4, address(f[1].substring(0, colon)), Integer.parseInt(f[1].substring(colon + 1), 16),
                        Integer.parseInt(f[7])));
            } catch (IllegalArgumentException e) {
                // not a line of the table's format
            }
        }
        return listeners;
    }

    /**
     * The address bytes in network order from {@code /proc}'s hex, which prints each 32-bit word of the address as
     * the host reads it (so 127.0.0.1 is {@code 0100007F} on a little-endian machine).
     */
    private static byte[] address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("not an address: " + hex);
        }
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < hex.length(); i += 8) {
            bytes.putInt(Integer.parseUnsignedInt(hex.substring(i, i + 8), 16));
        }
        return bytes.array();
    }

    private static boolean loopback(Listener listener) {
        byte[] address = listener.address();
        return listener.v4() ? Arrays.equals(address, LOOPBACK_V4)
                : Arrays.equals(address, LOOPBACK_V6) || Arrays.equals(address, MAPPED_LOOPBACK);
    }
}
