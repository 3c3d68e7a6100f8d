package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.config.DriveLocator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance accepts only its own user's drives, also when a call names a drive by id and category only. */
class UserDrivesTest {
    @TempDir
    Path temp;
    private Path home;
    private UserDrives drives;

    @BeforeEach
    void drives() throws Exception {
        home = java.nio.file.Files.createDirectory(temp.toRealPath().resolve("alice"));
        java.nio.file.Files.createDirectories(temp.toRealPath().resolve("scratch/alice"));
        drives = new UserDrives(List.of(new DriveLocator("home", "home", "Home", "{home}"),
                new DriveLocator("scratch", "scratch", "Scratch", temp.toRealPath() + "/scratch/{localUsername}"),
                new DriveLocator("work", "scratch", "Work", "{home}/work")), () -> "alice", home);
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void resolvesOnlyTheRootItsLocatorGivesForThisUser() {
        assertThat(drives.resolve(new Files.Drive("7", "home alice#1\n" + home)).root()).isEqualTo(home);
        assertThat(refusal(() -> drives.resolve(new Files.Drive("8", "home alice#1\n/home/bob"))).status()).isEqualTo(403);
        assertThat(refusal(() -> drives.resolve(new Files.Drive("9", "nothing"))).status()).isEqualTo(403);
    }

    @Test
    void aDriveKnownByIdAndCategoryIsTheOneLocatorOfThatCategory() {
        assertThat(drives.byIdInCategory("21", "home").root()).isEqualTo(home);
        assertThat(drives.byIdInCategory("21", "scratch").root()).as("seen before, kept by id").isEqualTo(home);
    }

    @Test
    void anAmbiguousOrUnknownCategoryNeedsADriveSeenBefore() {
        assertThat(refusal(() -> drives.byIdInCategory("30", "scratch")).status()).as("two scratch locators").isEqualTo(404);
        assertThat(refusal(() -> drives.byIdInCategory("31", "tape")).status()).isEqualTo(404);
        drives.resolve(new Files.Drive("30", "scratch alice#1\n" + temp.resolve("scratch/alice")));
        assertThat(drives.byIdInCategory("30", "scratch").root()).isEqualTo(temp.resolve("scratch/alice"));
    }
}
