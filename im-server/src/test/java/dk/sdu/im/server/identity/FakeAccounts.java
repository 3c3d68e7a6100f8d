package dk.sdu.im.server.identity;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Local accounts a test decides, so identity rules can be tested for any uid without root. */
public final class FakeAccounts implements LocalAccounts {
    private final Map<String, LocalAccount> accounts = new ConcurrentHashMap<>();

    public FakeAccounts with(String name, int uid) {
        accounts.put(name, new LocalAccount(name, uid, uid, Path.of("/home", name)));
        return this;
    }

    public void delete(String name) {
        accounts.remove(name);
    }

    @Override
    public Optional<LocalAccount> byName(String name) {
        return Optional.ofNullable(accounts.get(name));
    }
}
