package dk.sdu.im.server.identity;

import java.util.Optional;

/** Looks up local accounts by name. Implementations are thread-safe. */
public interface LocalAccounts {
    Optional<LocalAccount> byName(String name);
}
