package dk.sdu.im.server.identity;

import dk.sdu.im.api.log.Audit;
import dk.sdu.im.db.MappingConflict;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.db.UserMappings;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Maps UCloud users to local accounts with the static identity method: the administrator lists the
 * mappings in config.yml, and the database records each one the first time its account resolves. A
 * recorded mapping is authoritative: if the account later resolves to another uid, or the configuration
 * names another account, the user is refused until an administrator removes the mapping explicitly.
 */
public final class UserDirectory {
    private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

    private final UserMappings mappings;
    private final LocalAccounts accounts;
    private final Map<String, String> configured;
    private final int minUid;
    private final Audit audit;

    public UserDirectory(UserMappings mappings, LocalAccounts accounts, Map<String, String> configured, int minUid,
                         Audit audit) {
        this.audit = audit;
        this.mappings = mappings;
        this.accounts = accounts;
        this.configured = Map.copyOf(configured);
        this.minUid = minUid;
    }

    /**
     * Start-up reconciliation: records every configured mapping whose account exists, drops recorded
     * mappings the configuration no longer lists, and fails on any conflict so that it is fixed before the
     * server answers anyone.
     */
    public void reconcile() throws IdentityProblem {
        for (UserMapping recorded : mappings.list()) {
            if (!configured.containsKey(recorded.ucloudUsername())) {
                mappings.remove(recorded.ucloudUsername());
                audit.mappingRemoved(recorded.ucloudUsername(), recorded.localUsername(), recorded.uid(),
                        "no longer in config.yml (start-up)");
                LOG.info(() -> "removed the mapping of " + recorded.ucloudUsername() + " to " + recorded.localUsername()
                        + " (uid " + recorded.uid() + "): it is no longer in config.yml");
            }
        }
        for (var entry : configured.entrySet()) {
            Optional<LocalAccount> account = accounts.byName(entry.getValue());
            if (account.isEmpty()) {
                LOG.warning(() -> "identity.mappings: " + entry.getKey() + " -> " + entry.getValue()
                        + ": no such local account yet; the user is refused until it exists");
                continue;
            }
            record(entry.getKey(), account.get());
        }
    }

    /** The mapping of a UCloud user, recording it on first use; empty when the user has none. */
    public Optional<UserMapping> resolve(String ucloudUsername) throws IdentityProblem {
        return resolveAccount(ucloudUsername).map(Mapped::mapping);
    }

    /**
     * As {@link #resolve}, with the local account it was resolved against, so callers that need the account
     * (launching, drive registration) do not look it up again.
     */
    public Optional<Mapped> resolveAccount(String ucloudUsername) throws IdentityProblem {
        String localName = configured.get(ucloudUsername);
        if (localName == null) {
            return Optional.empty();
        }
        Optional<LocalAccount> account = accounts.byName(localName);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Mapped(record(ucloudUsername, account.get()), account.get()));
    }

    /** A recorded mapping and the local account it names, as NSS reported it just now. */
    public record Mapped(UserMapping mapping, LocalAccount account) {
    }

    /** Every recorded mapping, by UCloud username (for the admin CLI). */
    public java.util.List<UserMapping> recorded() {
        return mappings.list();
    }

    /** The recorded mapping of a UCloud user, if any, without recording anything. */
    public Optional<UserMapping> recorded(String ucloudUsername) {
        return mappings.find(ucloudUsername);
    }

    /** Whether config.yml lists a mapping for this UCloud user. */
    public boolean configures(String ucloudUsername) {
        return configured.containsKey(ucloudUsername);
    }

    /** UCloud cleared the connection: forget the recorded mapping (configured ones are recorded again on use). */
    public boolean unlink(String ucloudUsername) {
        Optional<UserMapping> recorded = mappings.find(ucloudUsername);
        boolean removed = mappings.remove(ucloudUsername);
        if (removed) {
            recorded.ifPresent(m -> audit.mappingRemoved(m.ucloudUsername(), m.localUsername(), m.uid(),
                    "UCloud cleared the connection"));
        }
        return removed;
    }

    private UserMapping record(String ucloudUsername, LocalAccount account) throws IdentityProblem {
        if (account.uid() < minUid) {
            throw new IdentityProblem(ucloudUsername + " maps to " + account.name() + " whose uid " + account.uid()
                    + " is below identity.minUid " + minUid + "; system accounts are never mapped");
        }
        try {
            boolean known = mappings.find(ucloudUsername).isPresent();
            UserMapping mapping = mappings.establish(ucloudUsername, account.name(), account.uid(), Optional.empty());
            if (!known) {
                audit.mappingCreated(mapping.ucloudUsername(), mapping.localUsername(), mapping.uid(),
                        "identity.mappings in config.yml names " + account.name());
            }
            return mapping;
        } catch (MappingConflict conflict) {
            throw new IdentityProblem(conflict.getMessage());
        }
    }

    /** A mapping that must not be used; the message is for the administrator's log. */
    public static final class IdentityProblem extends Exception {
        public IdentityProblem(String message) {
            super(message);
        }
    }
}
