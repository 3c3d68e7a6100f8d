package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoRuleTest {
    private final SudoRule rule = new SudoRule("ucloud", "ucloud-users", Path.of("/opt/ucloud-im/bin/ucloud-im-user"));

    @Test
    void allowsOneProgramWithoutArgumentsAsTheGroupNeverRoot() {
        assertThat(rule.text())
                .contains("Runas_Alias UCLOUD_IM_USERS = %ucloud-users, !root, !#0")
                .contains("Cmnd_Alias  UCLOUD_IM_USER = /opt/ucloud-im/bin/ucloud-im-user \"\"")
                .contains("env_reset, !setenv")
                .contains("ucloud ALL = (UCLOUD_IM_USERS) NOPASSWD: UCLOUD_IM_USER")
                .doesNotContain("SETENV:");
    }

    @Test
    void visudoAcceptsTheRule(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/visudo")), "needs sudo's visudo (installed by ./test as root)");
        Path file = Files.writeString(dir.resolve("ucloud-im"), rule.text());
        Process visudo = new ProcessBuilder("/usr/sbin/visudo", "-cf", file.toString()).redirectErrorStream(true).start();
        String output = new String(visudo.getInputStream().readAllBytes());
        assertThat(visudo.waitFor()).as(output).isZero();
    }
}
