package dk.sdu.im.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link UserMappings} and {@link Database}, run unchanged against every supported database.
 * A subclass supplies a fresh, empty database per test; it may use one test instance for all tests
 * ({@code PER_CLASS}), so every field here is set afresh before each test.
 */
abstract class UserMappingsContract {
    private static final Instant START = Instant.parse("2026-03-04T05:06:07.123456789Z");
    private static final Optional<Instant> NEVER = Optional.empty();

    private TestClock clock;
    private DatabaseSettings settings;
    private Database database;
    private UserMappings mappings;

    /** Settings for an empty database that no other test uses. */
    abstract DatabaseSettings emptyDatabase() throws Exception;

    @BeforeEach
    void openEmptyDatabase() throws Exception {
        clock = new TestClock(START);
        settings = emptyDatabase();
        database = Database.open(settings, clock);
        mappings = database.userMappings();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void theFirstClaimSightingIsRecordedOnceAndSurvivesReopening() {
        ClaimSightings sightings = database.claimSightings();
        assertThat(sightings.firstSeen()).isEmpty();

        Instant first = sightings.record();
        clock.advance(Duration.ofMinutes(5));
        assertThat(sightings.record()).as("a later sighting keeps the first time").isEqualTo(first);
        database.close();
        database = Database.open(settings, clock);

        assertThat(database.claimSightings().firstSeen()).contains(START.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void establishedMappingIsFoundByUcloudUsernameAndByUid() throws Exception {
        UserMapping alice = mappings.establish("alice#1234", "alice", 1001, NEVER);

        assertThat(alice).isEqualTo(new UserMapping("alice#1234", "alice", 1001,
                START.truncatedTo(ChronoUnit.MILLIS), NEVER));
        assertThat(mappings.find("alice#1234")).contains(alice);
        assertThat(mappings.findByUid(1001)).contains(alice);
    }

    @Test
    void createdAtComesFromTheClockAtMillisecondPrecision() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);

        assertThat(alice.createdAt()).isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));
        assertThat(mappings.find("alice").orElseThrow().createdAt()).isEqualTo(alice.createdAt());
    }

    @Test
    void unknownUsersAndUidsAreNotFound() throws Exception {
        mappings.establish("alice", "alice", 1001, NEVER);

        assertThat(mappings.find("bob")).isEmpty();
        assertThat(mappings.find("ALICE")).as("usernames are case-sensitive").isEmpty();
        assertThat(mappings.findByUid(1002)).isEmpty();
    }

    @Test
    void listIsOrderedByUcloudUsernameTheSameWayOnEveryDatabase() throws Exception {
        List<String> names = List.of("zed", "alice", "Bob", "_x", "Émile", "bob");
        for (int i = 0; i < names.size(); i++) {
            mappings.establish(names.get(i), "user" + i, 2000 + i, NEVER);
        }

        assertThat(mappings.list()).extracting(UserMapping::ucloudUsername)
                .containsExactly("Bob", "_x", "alice", "bob", "zed", "Émile");
    }

    @Test
    void listOfAnEmptyTableIsEmpty() {
        assertThat(mappings.list()).isEmpty();
    }

    @Test
    void removeDeletesTheMappingAndSaysWhetherThereWasOne() throws Exception {
        mappings.establish("alice", "alice", 1001, NEVER);
        mappings.establish("bob", "bob", 1002, NEVER);

        assertThat(mappings.remove("alice")).isTrue();
        assertThat(mappings.remove("alice")).isFalse();
        assertThat(mappings.find("alice")).isEmpty();
        assertThat(mappings.findByUid(1001)).isEmpty();
        assertThat(mappings.list()).extracting(UserMapping::ucloudUsername).containsExactly("bob");
    }

    @Test
    void afterExplicitRemovalAUserCanBeMappedToAnotherAccountAndTheUidReused() throws Exception {
        mappings.establish("alice", "alice", 1001, NEVER);
        mappings.remove("alice");

        UserMapping moved = mappings.establish("alice", "alice2", 1002, NEVER);
        UserMapping reused = mappings.establish("carol", "carol", 1001, NEVER);

        assertThat(mappings.find("alice")).contains(moved);
        assertThat(mappings.findByUid(1001)).contains(reused);
    }

    @Test
    void establishingTheSameMappingAgainReturnsTheStoredOneUnchanged() throws Exception {
        Optional<Instant> expiry = Optional.of(Instant.parse("2027-01-01T00:00:00Z"));
        UserMapping first = mappings.establish("alice", "alice", 1001, expiry);
        clock.advance(Duration.ofDays(3));

        UserMapping again = mappings.establish("alice", "alice", 1001, NEVER);

        assertThat(again).isEqualTo(first);
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
        assertThat(mappings.list()).containsExactly(first);
    }

    @Test
    void aDifferentLocalUsernameForAMappedUserIsAConflictAndChangesNothing() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);

        assertThatThrownBy(() -> mappings.establish("alice", "mallory", 1001, NEVER))
                .isInstanceOf(MappingConflict.class);

        assertThat(mappings.list()).containsExactly(alice);
    }

    @Test
    void aDifferentUidForAMappedUserIsAConflictAndChangesNothing() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);

        assertThatThrownBy(() -> mappings.establish("alice", "alice", 1002, NEVER))
                .isInstanceOf(MappingConflict.class);

        assertThat(mappings.list()).containsExactly(alice);
        assertThat(mappings.findByUid(1002)).isEmpty();
    }

    @Test
    void aUidAlreadyMappedToAnotherUcloudUserIsAConflictAndChangesNothing() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);

        assertThatThrownBy(() -> mappings.establish("mallory", "alice", 1001, NEVER))
                .isInstanceOf(MappingConflict.class);

        assertThat(mappings.list()).containsExactly(alice);
        assertThat(mappings.find("mallory")).isEmpty();
    }

    @Test
    void conflictNamesTheExistingMappingAndSaysToRemoveItFirst() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);

        assertThatThrownBy(() -> mappings.establish("mallory", "mallory", 1001, NEVER))
                .isInstanceOfSatisfying(MappingConflict.class, conflict -> {
                    assertThat(conflict.existing()).isEqualTo(alice);
                    assertThat(conflict.getMessage())
                            .contains("UCloud user 'mallory' -> local user 'mallory' (uid 1001)")
                            .contains("existing mapping UCloud user 'alice' -> local user 'alice' (uid 1001)")
                            .contains("never change silently")
                            .contains("remove the existing mapping explicitly first");
                });
    }

    @Test
    void expiryIsStoredAndExpiredMappingsAreStillFound() throws Exception {
        Instant expiry = START.plus(Duration.ofHours(1));
        mappings.establish("alice", "alice", 1001, Optional.of(expiry));
        clock.advance(Duration.ofDays(1));

        UserMapping found = mappings.find("alice").orElseThrow();

        assertThat(found.expiresAt()).contains(expiry.truncatedTo(ChronoUnit.MILLIS));
        assertThat(mappings.findByUid(1001)).contains(found);
    }

    @Test
    void theLongestAllowedNamesFitTheColumns() throws Exception {
        String ucloudUsername = "u".repeat(255);
        String localUsername = "l".repeat(32);

        UserMapping mapping = mappings.establish(ucloudUsername, localUsername, Integer.MAX_VALUE, NEVER);

        assertThat(mappings.find(ucloudUsername)).contains(mapping);
    }

    @Test
    void invalidUcloudUsernamesAreRejectedBeforeTouchingTheDatabase() {
        assertThatIllegalArgumentException().isThrownBy(() -> mappings.establish("", "alice", 1001, NEVER));
        assertThatIllegalArgumentException().isThrownBy(() -> mappings.establish("  \t", "alice", 1001, NEVER));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> mappings.establish("u".repeat(256), "alice", 1001, NEVER));
        assertThatIllegalArgumentException().isThrownBy(() -> mappings.establish("al\0ice", "alice", 1001, NEVER));
        assertThat(mappings.list()).isEmpty();
    }

    @Test
    void localUsernamesMustBePortablePosixNames() {
        for (String bad : List.of("", "Alice", "1alice", "-alice", "al ice", "alice\n", "a".repeat(33), "al.ice")) {
            assertThatIllegalArgumentException().as(bad)
                    .isThrownBy(() -> mappings.establish("alice", bad, 1001, NEVER));
        }
        assertThat(mappings.list()).isEmpty();
    }

    @Test
    void uidMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> mappings.establish("root", "root", 0, NEVER));
        assertThatIllegalArgumentException().isThrownBy(() -> mappings.establish("neg", "neg", -1, NEVER));
        assertThat(mappings.list()).isEmpty();
    }

    @Test
    void concurrentAttemptsToMapOneUserToDifferentAccountsLetExactlyOneWin() throws Exception {
        List<Race.Outcome> outcomes = Race.run(8, i -> () -> mappings.establish("alice", "user" + i, 3000 + i, NEVER));

        List<UserMapping> winners = outcomes.stream().filter(Race.Outcome::isWin).map(Race.Outcome::won).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.isWin()).hasSize(7)
                .allSatisfy(o -> assertThat(o.lost().existing()).isEqualTo(winners.getFirst()));
        assertThat(mappings.list()).containsExactly(winners.getFirst());
    }

    @Test
    void concurrentAttemptsToGiveOneUidToDifferentUsersLetExactlyOneWin() throws Exception {
        List<Race.Outcome> outcomes = Race.run(8, i -> () -> mappings.establish("user" + i, "shared", 4000, NEVER));

        List<UserMapping> winners = outcomes.stream().filter(Race.Outcome::isWin).map(Race.Outcome::won).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.isWin()).hasSize(7);
        assertThat(mappings.list()).containsExactly(winners.getFirst());
    }

    @Test
    void concurrentIdenticalRequestsAllGetTheOneStoredMapping() throws Exception {
        List<Race.Outcome> outcomes = Race.run(8, i -> () -> mappings.establish("alice", "alice", 1001, NEVER));

        assertThat(outcomes).allMatch(Race.Outcome::isWin);
        assertThat(outcomes).extracting(Race.Outcome::won).containsOnly(mappings.find("alice").orElseThrow());
    }

    @Test
    void losingTheInsertRaceToAConflictingMappingIsAConflict() throws Exception {
        // The intruder's row appears after establish has looked (connection 1) and before it inserts (connection 2).
        UserMappings raced = racedBy("INSERT INTO user_mappings VALUES ('alice', 'mallory', 1001, 0, NULL)");

        assertThatThrownBy(() -> raced.establish("alice", "alice", 1001, NEVER))
                .isInstanceOfSatisfying(MappingConflict.class,
                        conflict -> assertThat(conflict.existing().localUsername()).isEqualTo("mallory"));
        assertThat(mappings.find("alice").orElseThrow().localUsername()).isEqualTo("mallory");
    }

    @Test
    void losingTheInsertRaceForTheUidIsAConflict() throws Exception {
        UserMappings raced = racedBy("INSERT INTO user_mappings VALUES ('mallory', 'mallory', 1001, 0, NULL)");

        assertThatThrownBy(() -> raced.establish("alice", "alice", 1001, NEVER))
                .isInstanceOfSatisfying(MappingConflict.class,
                        conflict -> assertThat(conflict.existing().ucloudUsername()).isEqualTo("mallory"));
        assertThat(mappings.find("alice")).isEmpty();
    }

    @Test
    void losingTheInsertRaceToTheSameMappingReturnsTheStoredOne() throws Exception {
        UserMappings raced = racedBy("INSERT INTO user_mappings VALUES ('alice', 'alice', 1001, 42, NULL)");

        UserMapping alice = raced.establish("alice", "alice", 1001, NEVER);

        assertThat(alice.createdAt()).isEqualTo(Instant.ofEpochMilli(42));
    }

    @Test
    void bothDatabasesReportDuplicateKeysAsUniqueViolations() throws Exception {
        mappings.establish("alice", "alice", 1001, NEVER);

        assertThat(UniqueViolation.is(insertError("alice", "other", 2002))).as("primary key").isTrue();
        assertThat(UniqueViolation.is(insertError("other", "other", 1001))).as("unique uid").isTrue();
        assertThat(UniqueViolation.is(insertError("other", null, 2002))).as("not null").isFalse();
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheMappings() throws Exception {
        UserMapping alice = mappings.establish("alice", "alice", 1001, NEVER);
        List<String> history = migrationHistory();
        database.close();

        database = Database.open(settings, clock);
        mappings = database.userMappings();

        assertThat(history).isNotEmpty();
        assertThat(migrationHistory()).isEqualTo(history);
        assertThat(mappings.list()).containsExactly(alice);
    }

    @Test
    void aClosedDatabaseFailsWithDatabaseException() {
        database.close();

        assertThatThrownBy(() -> mappings.find("alice")).isInstanceOf(DatabaseException.class);
    }

    private UserMappings racedBy(String intrudingInsert) {
        InterleavingDataSource interleaved = new InterleavingDataSource(database.dataSource(), 2,
                real -> Sql.execute(real, intrudingInsert));
        return new JdbcUserMappings(new Jdbc(interleaved), clock);
    }

    private SQLException insertError(String ucloudUsername, String localUsername, int uid) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO user_mappings VALUES (?, ?, ?, 0, NULL)")) {
            insert.setString(1, ucloudUsername);
            insert.setString(2, localUsername);
            insert.setInt(3, uid);
            insert.executeUpdate();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("insert unexpectedly succeeded");
    }

    private List<String> migrationHistory() throws SQLException {
        return Sql.column(database.dataSource(), "SELECT version || ' ' || checksum || ' ' || installed_on"
                + " FROM flyway_schema_history ORDER BY installed_rank");
    }
}
