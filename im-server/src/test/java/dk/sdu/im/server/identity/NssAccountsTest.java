package dk.sdu.im.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NssAccountsTest {
    private final NssAccounts accounts = new NssAccounts();

    @Test
    void findsRootThroughNss() {
        assertThat(accounts.byName("root")).hasValueSatisfying(root -> {
            assertThat(root.uid()).isZero();
            assertThat(root.home()).isEqualTo(Path.of("/root"));
        });
    }

    @Test
    void unknownAccountIsEmpty() {
        assertThat(accounts.byName("no-such-user-xq")).isEmpty();
    }

    @Test
    void namesThatAreNotUnixNamesAreNeverLookedUp() {
        assertThat(accounts.byName("root; id")).isEmpty();
        assertThat(accounts.byName("-x")).isEmpty();
        assertThat(accounts.byName("ROOT")).isEmpty();
    }

    @Test
    void parsesPasswdLinesStrictly() {
        assertThat(NssAccounts.parse("alice", "alice:x:1100:1100:Alice:/home/alice:/bin/bash"))
                .hasValueSatisfying(a -> assertThat(a.uid()).isEqualTo(1100));
        assertThat(NssAccounts.parse("alice", "bob:x:1101:1101::/home/bob:/bin/sh")).isEmpty();
        assertThat(NssAccounts.parse("alice", "alice:x:notanumber:1::/h:/s")).isEmpty();
        assertThat(NssAccounts.parse("alice", "alice:x:1100")).isEmpty();
    }
}
