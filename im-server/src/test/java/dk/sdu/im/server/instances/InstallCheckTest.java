package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8: what makes an install serve nobody is said in one clear line each, by the one check behind every
 * launch, start-up and {@code config check}. Sudo is a stand-in printing a listing, so this host's rules are not read.
 */
class InstallCheckTest {
    @TempDir
    Path base;
    FakeInstallation site;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: only root can own the files of a safe installation");
        site = FakeInstallation.create(base);
    }

    @Test
    void aLauncherThatDoesNotExistIsOneLineAndNothingElse() throws Exception {
        Files.delete(site.launcher);

        assertThat(check("%ucloud-users").problems()).singleElement().asString()
                .startsWith("instances.launcher " + site.launcher + " does not exist, so no user instance can start");
    }

    @Test
    void aUserGroupMissingFromTheSudoRuleIsNamed() {
        assertThat(check("%ucloud-users").problems()).isEmpty();
        assertThat(check("%old-users").problems()).singleElement().asString()
                .startsWith("the sudo rule lets ucloud run " + site.launcher + " only as (%old-users, !root, !#0), not as"
                        + " members of instances.userGroup ucloud-users");
    }

    @Test
    void aDirectoryAboveTheInstallNotOwnedByRootIsNamedWithItsFix() throws Exception {
        Path checkout = Files.createDirectories(base.resolve("home/dev/checkout"));
        var inCheckout = FakeInstallation.create(checkout);
        Files.setAttribute(base.resolve("home/dev"), "unix:uid", 1000);
        var check = new InstallCheck(inCheckout.launcher, Optional.empty());

        assertThat(check.problems()).first().asString().isEqualTo(base.resolve("home/dev") + " is owned by uid 1000, not"
                + " root; run: chown root: " + base.resolve("home/dev") + " (needed for the launcher sudo runs: "
                + inCheckout.launcher + ")");
    }

    @Test
    void aLongListIsShortenedWithACountAndWhereToSeeItAll() {
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "problem " + i).toList();

        assertThat(InstallCheck.shortened(many, 10)).hasSize(11).startsWith("problem 0").last().asString()
                .isEqualTo("and 15 more problems of this install; `ucloud-im config check` lists them all");
        assertThat(InstallCheck.shortened(many.subList(0, 10), 10)).hasSize(10);
    }

    private InstallCheck check(String runAs) {
        String listing = "User ucloud may run the following commands on vm:\n    (" + runAs + ", !root, !#0) NOPASSWD: "
                + site.launcher + " \"\"\n";
        SudoCheck sudo = SudoCheck.running(List.of("/usr/bin/printf", "%s", listing));
        return new InstallCheck(site.launcher, Optional.of(SudoGate.of(sudo, site.launcher, "ucloud", "ucloud-users")));
    }
}
