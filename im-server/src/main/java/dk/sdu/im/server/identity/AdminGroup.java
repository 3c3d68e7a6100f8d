package dk.sdu.im.server.identity;

import dk.sdu.im.ipc.Peer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who besides root may use the admin CLI: members of {@code server.adminGroup}, judged from kernel facts only. A peer
 * is a member when the kernel-reported gid of its connection is the group's, or its kernel-reported uid is the uid of
 * an account the group database lists as a member. Nothing the peer sends counts.
 *
 * <p>Every connection to the IPC socket is classified (any local user can connect), so the group database is read at
 * most once per {@link #REFRESH}, not once per connection: a local user opening connections in a loop costs IM/Server
 * no lookups. A member removed from the group is refused at the latest one refresh later.
 *
 * <p>Thread-safe.
 */
public final class AdminGroup {
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final Optional<GroupMembership> group;
    private final LocalAccounts accounts;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** @param group {@code server.adminGroup}; empty means root alone is an administrator */
    public AdminGroup(Optional<String> group, LocalAccounts accounts, Clock clock) {
        this.group = group.map(GroupMembership::new);
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Whether {@code peer} is root or a member of the admin group. */
    public boolean admits(Peer peer) {
        if (peer.uid() == 0) {
            return true;
        }
        if (group.isEmpty()) {
            return false;
        }
        Snapshot members = current();
        return members.gid().isPresent() && members.gid().getAsInt() == peer.gid() || members.uids().contains(peer.uid());
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        long now = clock.millis();
        if (seen == null || now - seen.readAtMillis() >= REFRESH.toMillis()) {
            synchronized (this) {
                seen = snapshot;
                if (seen == null || now - seen.readAtMillis() >= REFRESH.toMillis()) {
                    seen = read(now);
                    snapshot = seen;
                }
            }
        }
        return seen;
    }

    /** The group's gid and its listed members' uids; a group that does not exist (or cannot be read) admits nobody. */
    private Snapshot read(long now) {
        try {
            Optional<GroupMembership.Group> found = group.orElseThrow().lookUp();
            if (found.isEmpty()) {
                return new Snapshot(java.util.OptionalInt.empty(), Set.of(), now);
            }
            List<String> members = found.get().members();
            Set<Integer> uids = members.stream().map(accounts::byName).flatMap(Optional::stream).map(LocalAccount::uid)
                    .collect(Collectors.toUnmodifiableSet());
            return new Snapshot(java.util.OptionalInt.of(found.get().gid()), uids, now);
        } catch (IllegalStateException e) {
            java.util.logging.Logger.getLogger(AdminGroup.class.getName())
                    .warning("server.adminGroup cannot be read, so only root may use the admin CLI: " + e.getMessage());
            return new Snapshot(java.util.OptionalInt.empty(), Set.of(), now);
        }
    }

    private record Snapshot(java.util.OptionalInt gid, Set<Integer> uids, long readAtMillis) {
    }
}
