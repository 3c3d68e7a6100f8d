package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SudoCheckTest {
    private static final Path LAUNCHER = Path.of("/opt/ucloud-im/bin/ucloud-im-user");
    private static final String LISTING = """
            Matching Defaults entries for ucloud on vm:
                env_reset, !setenv, secure_path=/usr/local/bin\\:/usr/bin\\:/bin, umask=0077

            User ucloud may run the following commands on vm:
                (%ucloud-users, !root, !#0) NOPASSWD: /opt/ucloud-im/bin/ucloud-im-user ""
            """;
    /** What sudo 1.9.13 writes to standard error, exiting 0, when a second file defines the same alias names. */
    private static final String ALREADY_DEFINED = """
            /etc/sudoers.d/ucloud-im-test:1:54: Alias "UCLOUD_IM_USERS" already defined
            Runas_Alias UCLOUD_IM_USERS = %test-users, !root, !#0
                                                                 ^
            """;

    @Test
    void aListingOfTheLauncherWithoutWarningsPasses() {
        assertThat(SudoCheck.judge(new SudoCheck.Listing(0, LISTING, ""), LAUNCHER, "ucloud")).isEmpty();
    }

    @Test
    void anyWarningFailsTheCheckThoughSudoExitedZeroAndListsTheLauncher() {
        assertThat(SudoCheck.judge(new SudoCheck.Listing(0, LISTING, ALREADY_DEFINED), LAUNCHER, "ucloud")).get().asString()
                .startsWith("sudo -n -l as ucloud warns: /etc/sudoers.d/ucloud-im-test:1:54: Alias \"UCLOUD_IM_USERS\" already defined")
                .doesNotContain(" ^ ");
    }

    @Test
    void aUserWithoutTheRuleIsToldToInstallIt() {
        var listing = new SudoCheck.Listing(1, "", "Sorry, user ucloud may not run sudo on vm.\n");
        assertThat(SudoCheck.judge(listing, LAUNCHER, "ucloud")).get().asString()
                .startsWith("the sudo rule does not let ucloud run " + LAUNCHER).contains("Sorry, user ucloud may not run sudo");
    }

    @Test
    void aRuleForAnotherInstallationsLauncherIsNotThisOnes() {
        var other = new SudoCheck.Listing(0, LISTING.replace("/opt/ucloud-im/", "/opt/ucloud-im-test/"), "");
        var longer = new SudoCheck.Listing(0, LISTING.replace("ucloud-im-user \"\"", "ucloud-im-user2 \"\""), "");
        assertThat(SudoCheck.judge(other, LAUNCHER, "ucloud")).get().asString().startsWith("the sudo rule does not let");
        assertThat(SudoCheck.judge(longer, LAUNCHER, "ucloud")).get().asString().startsWith("the sudo rule does not let");
    }

    @Test
    void readsTheListingAndTheWarningsOfARealProcessApart() {
        var check = new SudoCheck(List.of("/bin/sh", "-c", "printf '%s' \"$0\"; printf 'sudo: unable to resolve host vm\\n' >&2", LISTING));
        assertThat(check.problem(LAUNCHER, "ucloud")).get().asString()
                .isEqualTo("sudo -n -l as ucloud warns: sudo: unable to resolve host vm; a warning can mean that another rule"
                        + " rebinds this installation's (two rules defining the same alias names), so user instances will not start"
                        + " until it prints none. Fix the files it names (`visudo -c` shows the same), e.g. install the rule each"
                        + " installation's `ucloud-im sudoers` prints now: their alias names differ");
    }

    @Test
    void aMissingSudoIsNamed() {
        assertThat(new SudoCheck(List.of("/nonexistent/sudo", "-n", "-l")).problem(LAUNCHER, "ucloud")).get().asString()
                .startsWith("sudo is not usable");
    }

    @Test
    void aRuleForAnotherGroupIsRefusedNamingBothGroups() {
        var listing = new SudoCheck.Listing(0, LISTING.replace("%ucloud-users", "%old-users"), "");

        assertThat(SudoCheck.judge(listing, LAUNCHER, "ucloud", Optional.of("ucloud-users"))).get().asString()
                .startsWith("the sudo rule lets ucloud run " + LAUNCHER + " only as (%old-users, !root, !#0), not as members"
                        + " of instances.userGroup ucloud-users");
        assertThat(SudoCheck.judge(new SudoCheck.Listing(0, LISTING, ""), LAUNCHER, "ucloud", Optional.of("ucloud-users")))
                .isEmpty();
        assertThat(SudoCheck.judge(listing, LAUNCHER, "ucloud")).as("without a group named, any group passes").isEmpty();
    }

    @Test
    void aNegatedGroupOrARuleWithoutRunAsListDoesNotCoverTheGroup() {
        var negated = new SudoCheck.Listing(0, LISTING.replace("(%ucloud-users, ", "(ALL, !%ucloud-users, "), "");
        var bare = new SudoCheck.Listing(0, LISTING.replace("(%ucloud-users, !root, !#0) ", ""), "");
        var everyone = new SudoCheck.Listing(0, LISTING.replace("%ucloud-users", "ALL"), "");

        assertThat(SudoCheck.judge(negated, LAUNCHER, "ucloud", Optional.of("ucloud-users"))).as("ALL, then the negation")
                .get().asString().contains("not as members of instances.userGroup ucloud-users");
        assertThat(SudoCheck.judge(bare, LAUNCHER, "ucloud", Optional.of("ucloud-users"))).get().asString()
                .contains("only as (root)");
        assertThat(SudoCheck.judge(everyone, LAUNCHER, "ucloud", Optional.of("ucloud-users"))).isEmpty();
    }
}
