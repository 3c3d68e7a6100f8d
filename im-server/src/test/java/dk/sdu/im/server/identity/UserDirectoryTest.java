package dk.sdu.im.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.log.Audit;
import dk.sdu.im.db.Database;
import dk.sdu.im.db.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static identity rules against a real SQLite database. */
class UserDirectoryTest {
    @TempDir
    Path dir;
    private Database database;
    private final FakeAccounts accounts = new FakeAccounts().with("alice", 1100).with("bob", 1101).with("daemon", 1);

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(dir.resolve("im.sqlite3")), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private UserDirectory directory(Map<String, String> configured) {
        return new UserDirectory(database.userMappings(), accounts, configured, 1000, new Audit());
    }

    @Test
    void reconcileRecordsConfiguredMappingsWhoseAccountsExist() throws Exception {
        directory(Map.of("alice#1", "alice", "ghost#2", "ghost")).reconcile();
        assertThat(database.userMappings().find("alice#1")).hasValueSatisfying(m -> assertThat(m.uid()).isEqualTo(1100));
        assertThat(database.userMappings().find("ghost#2")).isEmpty();
    }

    @Test
    void unmappedUserResolvesToNothing() throws Exception {
        assertThat(directory(Map.of("alice#1", "alice")).resolve("mallory#9")).isEmpty();
    }

    @Test
    void systemAccountsAreNeverMapped() {
        assertThatThrownBy(() -> directory(Map.of("evil#1", "daemon")).reconcile())
                .isInstanceOf(UserDirectory.IdentityProblem.class).hasMessageContaining("below identity.minUid");
        assertThat(database.userMappings().find("evil#1")).isEmpty();
    }

    @Test
    void recordedUidNeverChangesSilentlyWhenTheAccountIsRecreated() throws Exception {
        directory(Map.of("alice#1", "alice")).reconcile();
        accounts.with("alice", 1200);
        assertThatThrownBy(() -> directory(Map.of("alice#1", "alice")).resolve("alice#1"))
                .isInstanceOf(UserDirectory.IdentityProblem.class).hasMessageContaining("1100");
        assertThat(database.userMappings().find("alice#1").orElseThrow().uid()).isEqualTo(1100);
    }

    @Test
    void reconfiguringAUserToAnotherAccountIsRefusedAtStart() throws Exception {
        directory(Map.of("alice#1", "alice")).reconcile();
        assertThatThrownBy(() -> directory(Map.of("alice#1", "bob")).reconcile())
                .isInstanceOf(UserDirectory.IdentityProblem.class);
        assertThat(database.userMappings().find("alice#1").orElseThrow().localUsername()).isEqualTo("alice");
    }

    @Test
    void mappingsNoLongerConfiguredAreDroppedAtStart() throws Exception {
        directory(Map.of("alice#1", "alice", "bob#2", "bob")).reconcile();
        directory(Map.of("alice#1", "alice")).reconcile();
        assertThat(database.userMappings().find("bob#2")).isEmpty();
        assertThat(database.userMappings().find("alice#1")).isPresent();
    }

    @Test
    void unlinkForgetsTheRecordedMapping() throws Exception {
        var directory = directory(Map.of("alice#1", "alice"));
        directory.reconcile();
        assertThat(directory.unlink("alice#1")).isTrue();
        assertThat(database.userMappings().find("alice#1")).isEmpty();
    }
}
