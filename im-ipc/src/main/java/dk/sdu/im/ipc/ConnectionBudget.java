package dk.sdu.im.ipc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may hold how many of the IPC server's connections at once (DESIGN 4.9 and 4.11), decided at accept from the
 * kernel's credentials: {@code total} in all, of which {@code reserved} only instances and administrators may take,
 * and at most {@code perUid} for any one uid among the other peers ({@link PeerKind#LOCAL_USER}). So no local user,
 * however many connections they open, can keep an instance being launched, or the CLI, from connecting.
 *
 * <p>Thread-safe: admissions and releases come from the accept thread and from every connection's thread.
 */
final class ConnectionBudget {
    private final int total;
    private final int reserved;
    private final int perUid;
    private final Map<Integer, Integer> localByUid = new ConcurrentHashMap<>();
    private int open;
    private int local;

    ConnectionBudget(int total, int reserved, int perUid) {
        if (reserved >= total || perUid < 1) {
            throw new IllegalArgumentException("need reserved < total and perUid >= 1: " + total + ", " + reserved + ", " + perUid);
        }
        this.total = total;
        this.reserved = reserved;
        this.perUid = perUid;
    }

    /** What holds a connection; give it back once with {@link #release}. */
    record Slot(boolean local, int uid) {
    }

    /** Why a connection was not admitted, for the log; empty when it was. */
    sealed interface Refusal {
        record Full(int total) implements Refusal {
        }

        record LocalUsersFull(int shared) implements Refusal {
        }

        record UidFull(int uid, int perUid) implements Refusal {
        }
    }

    /** Admits a peer of {@code kind} and uid {@code uid}, or says why not. */
    synchronized Admission admit(PeerKind kind, int uid) {
        if (open >= total) {
            return Admission.refused(new Refusal.Full(total));
        }
        boolean isLocal = kind == PeerKind.LOCAL_USER;
        if (isLocal) {
            if (local >= total - reserved) {
                return Admission.refused(new Refusal.LocalUsersFull(total - reserved));
            }
            int held = localByUid.getOrDefault(uid, 0);
            if (held >= perUid) {
                return Admission.refused(new Refusal.UidFull(uid, perUid));
            }
            localByUid.put(uid, held + 1);
            local++;
        }
        open++;
        return new Admission(Optional.of(new Slot(isLocal, uid)), Optional.empty());
    }

    synchronized void release(Slot slot) {
        open--;
        if (slot.local()) {
            local--;
            localByUid.computeIfPresent(slot.uid(), (uid, held) -> held == 1 ? null : held - 1);
        }
    }

    /** Connections held now (for closing the server: all of them must end). */
    synchronized int open() {
        return open;
    }

    /** The outcome of {@link #admit}: a slot, or the refusal. */
    record Admission(Optional<Slot> slot, Optional<Refusal> refusal) {
        static Admission refused(Refusal why) {
            return new Admission(Optional.empty(), Optional.of(why));
        }
    }
}
