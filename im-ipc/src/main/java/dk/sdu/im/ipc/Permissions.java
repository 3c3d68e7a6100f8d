package dk.sdu.im.ipc;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of who may send what: each client-to-server message type mapped to the {@link PeerKind}s
 * allowed to send it. Built once by IM/Server's composition root, immutable afterwards, and checked by the
 * dispatcher for every frame (the {@code Hello} included) before any handler runs. A message type without
 * an entry is allowed to nobody.
 *
 * <p>The {@code Hello} entries decide who may open a conversation in each direction. A typical table:
 * <pre>{@code
 * Permissions.builder()
 *     .allow(InstanceToServer.Hello.class, PeerKind.INSTANCE, PeerKind.LOCAL_USER)
 *     .allow(InstanceToServer.Register.class, PeerKind.INSTANCE)
 *     .allow(InstanceToServer.Activity.class, PeerKind.INSTANCE)
 *     .allow(InstanceToServer.Goodbye.class, PeerKind.INSTANCE)
 *     .allow(AdminToServer.Hello.class, PeerKind.ADMIN, PeerKind.LOCAL_USER)
 *     .allow(AdminToServer.ListInstances.class, PeerKind.ADMIN)
 *     .build();
 * }</pre>
 * Letting {@code LOCAL_USER} say {@code Hello} only means a non-administrator running the CLI gets a clear
 * {@code Refused} for its first real request instead of a bare close.
 *
 * <p>Connections are typed: the builder refuses to grant an {@link InstanceToServer} message to
 * {@link PeerKind#ADMIN} or an {@link AdminToServer} message to {@link PeerKind#INSTANCE}.
 */
public final class Permissions {
    private final Map<Class<? extends Record>, Set<PeerKind>> table;

    private Permissions(Map<Class<? extends Record>, Set<PeerKind>> table) {
        this.table = table;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a peer of {@code kind} may send messages of type {@code message}. */
    public boolean allows(PeerKind kind, Class<? extends Record> message) {
        return table.getOrDefault(message, Set.of()).contains(kind);
    }

    /** The table as declared, for printing (for example by an admin command); unmodifiable. */
    public Map<Class<? extends Record>, Set<PeerKind>> asMap() {
        return table;
    }

    /** Collects the table; each message type may be declared once. Not thread-safe; use it and discard it. */
    public static final class Builder {
        private final Map<Class<? extends Record>, Set<PeerKind>> table = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Allows peers of the given kinds to send {@code message}.
         *
         * @throws IllegalArgumentException if {@code message} is not a client-to-server message, if no kind
         *                                  is given, or if the grant crosses directions (see class comment)
         * @throws IllegalStateException    if {@code message} was already declared
         */
        public Builder allow(Class<? extends Record> message, PeerKind kind, PeerKind... more) {
            Set<PeerKind> kinds = EnumSet.of(kind, more);
            checkDirection(message, kinds);
            if (table.containsKey(message)) {
                throw new IllegalStateException(message.getName() + " is declared twice in the permission table");
            }
            table.put(message, Set.copyOf(kinds));
            return this;
        }

        public Permissions build() {
            return new Permissions(Collections.unmodifiableMap(new LinkedHashMap<>(table)));
        }

        private static void checkDirection(Class<? extends Record> message, Set<PeerKind> kinds) {
            if (isMessageOf(InstanceToServer.class, message)) {
                refuse(message, kinds, PeerKind.ADMIN);
            } else if (isMessageOf(AdminToServer.class, message)) {
                refuse(message, kinds, PeerKind.INSTANCE);
            } else {
                throw new IllegalArgumentException(message.getName() + " is not a message a client sends");
            }
        }

        private static boolean isMessageOf(Class<?> direction, Class<?> message) {
            return List.of(direction.getPermittedSubclasses()).contains(message);
        }

        private static void refuse(Class<?> message, Set<PeerKind> kinds, PeerKind forbidden) {
            if (kinds.contains(forbidden)) {
                throw new IllegalArgumentException(forbidden + " connections never speak "
                        + message.getEnclosingClass().getSimpleName() + "; cannot allow "
                        + message.getSimpleName() + " to " + Arrays.toString(kinds.toArray()));
            }
        }
    }
}
