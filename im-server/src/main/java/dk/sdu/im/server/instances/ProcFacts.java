package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kernel facts read from {@code /proc}: a process's parent, and whether a uid owns a listening TCP socket
 * on a loopback port. Used to verify an instance's claims; reads only, never trusts the process itself.
 */
public final class ProcFacts {
    private static final String LISTEN = "0A";
    private static final String LOOPBACK_V4 = "0100007F";

    private static final byte[] LOOPBACK_V4_BYTES = {127, 0, 0, 1};
    private static final byte[] LOOPBACK_V6_BYTES = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] MAPPED_LOOPBACK_BYTES = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};

    private final Path proc;
    private final Optional<ListeningSockets> diagnostics;

    /** Reads {@code proc} only (no socket diagnostics). */
    public ProcFacts(Path proc) {
        this(proc, Optional.empty());
    }

    private ProcFacts(Path proc, Optional<ListeningSockets> diagnostics) {
        this.proc = proc;
        this.diagnostics = diagnostics;
    }

    /** The running kernel's facts: listeners from socket diagnostics (linked now), else from {@code /proc}. */
    public static ProcFacts system() {
        return new ProcFacts(Path.of("/proc"), ListeningSockets.link());
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
        return notListeningOnLoopback(uid, Set.of(port)).isEmpty();
    }

    /**
     * Those of {@code ports} on which no loopback socket owned by {@code uid} listens: from socket diagnostics
     * where they answer ({@link ListeningSockets}), else from {@code /proc}. Each table is read at most
     * once for all ports: the kernel walks its whole connection hash table for every read of one (milliseconds
     * each, measured), and this runs while a user waits for a cold start. The IPv6 table comes first because the
     * JDK binds dual-stack sockets, which list 127.0.0.1 there as ::ffff:127.0.0.1.
     */
    public Set<Integer> notListeningOnLoopback(int uid, Set<Integer> ports) {
        Set<Integer> missing = new TreeSet<>(ports);
        Optional<List<ListeningSockets.Listener>> listeners = diagnostics.flatMap(ListeningSockets::listeners);
        if (listeners.isPresent()) {
            listeners.get().stream().filter(l -> l.uid() == uid && loopback(l)).forEach(l -> missing.remove(l.port()));
            return missing;
        }
        removeListening(proc.resolve("net/tcp6"), uid, false, missing);
        if (!missing.isEmpty()) {
            removeListening(proc.resolve("net/tcp"), uid, true, missing);
        }
        return missing;
    }

    private static void removeListening(Path table, int uid, boolean v4, Set<Integer> ports) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return;
        }
        String owner = Integer.toString(uid);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[3].equals(LISTEN) || !f[7].equals(owner)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon > 0 && loopback(f[1].substring(0, colon), v4)) {
                ports.remove(port(f[1].substring(colon + 1)));
            }
        }
    }

    private static int port(String hex) {
        try {
            return Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean loopback(ListeningSockets.Listener listener) {
        byte[] address = listener.address();
        return listener.v4() ? Arrays.equals(address, LOOPBACK_V4_BYTES)
                : Arrays.equals(address, LOOPBACK_V6_BYTES) || Arrays.equals(address, MAPPED_LOOPBACK_BYTES);
    }

    private static boolean loopback(String hexAddress, boolean v4) {
        if (v4) {
            return hexAddress.equals(LOOPBACK_V4);
        }
        // ::1 and ::ffff:127.0.0.1 in /proc's 32-bit little-endian words
        return hexAddress.equals("00000000000000000000000001000000")
                || hexAddress.equals("0000000000000000FFFF00000100007F");
    }
}
