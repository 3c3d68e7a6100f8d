package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leftover instances are recognised by their command line: IM/User's main class and this configuration directory. */
class LeftoverInstancesTest {
    private static Process pretending(String configDir) throws Exception {
        // sh ignores the words after its script; they only make the command line look like an instance's
        return new ProcessBuilder("sh", "-c", "sleep 30", "dk.sdu.im.user.UserMain", "dk.sdu.im.user.UserMain",
                "--config-dir", configDir).start();
    }

    @Test
    void findsAnInstanceOfThisConfigurationAndNotOneOfAnother() throws Exception {
        Process ours = pretending("/etc/ucloud-im-leftover-test/");
        Process theirs = pretending("/etc/ucloud-im-other-test");
        try {
            List<LeftoverInstances.Leftover> found = LeftoverInstances.find(Path.of("/etc/ucloud-im-leftover-test"));

            assertThat(found).extracting(LeftoverInstances.Leftover::pid).containsExactly(ours.pid());
            assertThat(found.getFirst().uid()).isEqualTo(new com.sun.security.auth.module.UnixSystem().getUid());
        } finally {
            ours.destroy();
            theirs.destroy();
        }
    }
}
