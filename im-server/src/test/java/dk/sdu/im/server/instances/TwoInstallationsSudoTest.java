package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, break 10, with the real sudo: two installations' rules in one sudoers.d, each service account asking
 * {@code sudo -n -l} as IM/Server does. The test's sudoers is bind-mounted over {@code /etc/sudoers} in a private
 * mount namespace that only that one sudo call lives in, so this host's sudo rules are neither read nor touched.
 * The two service accounts are {@code nobody} and {@code daemon}, which every Debian system has.
 */
class TwoInstallationsSudoTest {
    private static final SudoRule SITE = new SudoRule("nobody", "ucloud-users", Path.of("/opt/ucloud-im/bin/ucloud-im-user"));
    private static final SudoRule TEST = new SudoRule("daemon", "ucloud-test-users", Path.of("/opt/ucloud-im-test/bin/ucloud-im-user"));

    @TempDir
    Path dir;

    @BeforeEach
    void needsRootSudoAndMountNamespaces() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: bind-mounts a sudoers file in a private mount namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isExecutable(SudoRuleTest.Visudo.VISUDO),
                "needs sudo (installed by ./test as root)");
        Process probe = new ProcessBuilder("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/true").start();
        assumeTrue(probe.waitFor() == 0, "needs mount namespaces (unshare --mount)");
    }

    @Test
    void eachServiceAccountRunsOnlyItsOwnLauncherAndSudoWarnsOfNothing() throws Exception {
        Path sudoers = SudoRuleTest.Visudo.sudoersIncluding(dir, SITE.text(), TEST.text());
        assertThat(SudoRuleTest.Visudo.check(sudoers)).isEqualTo(SudoRuleTest.Visudo.ACCEPTED);

        var site = asServiceAccount(sudoers, "nobody", "nogroup");
        var test = asServiceAccount(sudoers, "daemon", "daemon");
        assertThat(site.problem(SITE.launcher(), "nobody")).isEmpty();
        assertThat(test.problem(TEST.launcher(), "daemon")).isEmpty();
        assertThat(mayRun(site)).contains(SITE.launcher() + " \"\"").contains("%ucloud-users").doesNotContain(TEST.launcher().toString());
        assertThat(mayRun(test)).contains(TEST.launcher() + " \"\"").contains("%ucloud-test-users").doesNotContain(SITE.launcher().toString());
    }

    @Test
    void withTheOldFixedNamesTheLaterRuleRebindsTheEarlierAndTheCheckRefusesBoth() throws Exception {
        Path sudoers = SudoRuleTest.Visudo.sudoersIncluding(dir, SudoRuleTest.fixedNames(SITE), SudoRuleTest.fixedNames(TEST));
        var site = asServiceAccount(sudoers, "nobody", "nogroup");
        var test = asServiceAccount(sudoers, "daemon", "daemon");
        assertThat(mayRun(test)).as("what was seen live: the test account may run the site's launcher as the site's users")
                .contains(SITE.launcher().toString()).contains("%ucloud-users");
        assertThat(site.list().exit()).as("sudo carries on").isZero();
        assertThat(site.problem(SITE.launcher(), "nobody")).get().asString()
                .startsWith("sudo -n -l as nobody warns: ").contains("Alias \"UCLOUD_IM_USERS\" already defined");
        assertThat(test.problem(TEST.launcher(), "daemon")).get().asString()
                .startsWith("the sudo rule does not let daemon run " + TEST.launcher()).contains("already defined");
    }

    /** The rules part of the listing (sudo also lists every command-specific Defaults line, whoever's it is). */
    private static String mayRun(SudoCheck check) throws Exception {
        String out = check.list().out();
        return out.substring(out.indexOf("may run the following commands"));
    }

    /** {@code sudo -n -l} as {@code user}, with {@code sudoers} in place of this host's, as {@link SudoCheck} runs it. */
    private static SudoCheck asServiceAccount(Path sudoers, String user, String group) {
        return new SudoCheck(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                "mount --bind \"$0\" /etc/sudoers && exec setpriv --reuid=\"$1\" --regid=\"$2\" --clear-groups /usr/bin/sudo -n -l",
                sudoers.toString(), user, group));
    }
}
