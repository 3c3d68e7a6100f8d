package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoRuleTest {
    private final SudoRule rule = new SudoRule("ucloud", "ucloud-users", Path.of("/opt/ucloud-im/bin/ucloud-im-user"));
    private final SudoRule test = new SudoRule("ucloudtest", "ucloud-test-users", Path.of("/opt/ucloud-im-test/bin/ucloud-im-user"));

    @Test
    void allowsOneProgramWithoutArgumentsAsTheGroupNeverRoot() {
        String aliases = rule.aliasPrefix();
        assertThat(rule.text())
                .contains("Runas_Alias " + aliases + "_USERS = %ucloud-users, !root, !#0")
                .contains("Cmnd_Alias  " + aliases + "_LAUNCHER = /opt/ucloud-im/bin/ucloud-im-user \"\"")
                .contains("env_reset, !setenv")
                .contains("ucloud ALL = (" + aliases + "_USERS) NOPASSWD: " + aliases + "_LAUNCHER")
                .doesNotContain("SETENV:");
    }

    @Test
    void aliasNamesBelongToTheInstallationAndAreValidSudoersNames() {
        assertThat(rule.aliasPrefix()).as("as README.md and docs/privsep.md show it").isEqualTo("UCLOUD_IM_418DEF1B");
        assertThat(rule.aliasPrefix()).matches("[A-Z][A-Z0-9_]*")
                .isEqualTo(new SudoRule("other", "others", rule.launcher()).aliasPrefix())
                .isNotEqualTo(test.aliasPrefix());
    }

    @Test
    void visudoAcceptsTheRule(@TempDir Path dir) throws Exception {
        assumeVisudo();
        assertThat(Visudo.check(Files.writeString(dir.resolve("ucloud-im"), rule.text()))).isEqualTo(Visudo.ACCEPTED);
    }

    @Test
    void twoInstallationsRulesAreAcceptedTogether(@TempDir Path dir) throws Exception {
        assumeVisudo();
        Path main = Visudo.sudoersIncluding(dir, rule.text(), test.text());
        assertThat(Visudo.check(main)).isEqualTo(Visudo.ACCEPTED);
    }

    @Test
    void theOldFixedAliasNamesCollideAcrossTwoInstallations(@TempDir Path dir) throws Exception {
        assumeVisudo();
        Path main = Visudo.sudoersIncluding(dir, fixedNames(rule), fixedNames(test));
        assertThat(Visudo.check(Files.writeString(dir.resolve("alone"), fixedNames(test)))).as("each alone passes")
                .isEqualTo(Visudo.ACCEPTED);
        assertThat(Visudo.check(main)).contains("Alias \"UCLOUD_IM_USERS\" already defined");
    }

    /** The rule as `ucloud-im sudoers` printed it before alias names belonged to the installation. */
    static String fixedNames(SudoRule rule) {
        return rule.text().replace(rule.aliasPrefix() + "_USERS", "UCLOUD_IM_USERS").replace(rule.aliasPrefix() + "_LAUNCHER", "UCLOUD_IM_USER");
    }

    private static void assumeVisudo() {
        assumeTrue(Files.isExecutable(Visudo.VISUDO), "needs sudo's visudo (installed by ./test as root)");
    }

    /** visudo -cf on a file of rules, or on a main sudoers file that includes a directory of them. */
    static final class Visudo {
        static final Path VISUDO = Path.of("/usr/sbin/visudo");
        static final String ACCEPTED = "accepted";

        private Visudo() {
        }

        /** {@code <dir>/sudoers}, which includes {@code <dir>/sudoers.d} holding one file per rule (root:root 0440). */
        static Path sudoersIncluding(Path dir, String... rules) throws Exception {
            Path drop = Files.createDirectories(dir.resolve("sudoers.d"));
            for (int i = 0; i < rules.length; i++) {
                restrict(Files.writeString(drop.resolve("ucloud-im-" + i), rules[i]));
            }
            return restrict(Files.writeString(dir.resolve("sudoers"), """
                    Defaults env_reset
                    root ALL=(ALL:ALL) ALL
                    @includedir %s
                    """.formatted(drop)));
        }

        private static Path restrict(Path file) throws Exception {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
            return file;
        }

        /** {@link #ACCEPTED}, or what visudo said when it refused. */
        static String check(Path file) throws Exception {
            Process visudo = new ProcessBuilder(VISUDO.toString(), "-cf", file.toString()).redirectErrorStream(true).start();
            String output = new String(visudo.getInputStream().readAllBytes());
            return visudo.waitFor() == 0 && !output.contains("already defined") ? ACCEPTED : output;
        }
    }
}
