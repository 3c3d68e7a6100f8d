package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Start-up check that the sudo rule lets this service user run the launcher: {@code sudo -n -l} lists the
 * user's rules without a password (the rule is NOPASSWD). Returns the problem in words, for one log line.
 */
public final class SudoCheck {
    private SudoCheck() {
    }

    public static Optional<String> problem(Path launcher, String serviceUser) {
        try {
            Process sudo = new ProcessBuilder("/usr/bin/sudo", "-n", "-l").redirectErrorStream(true).start();
            sudo.getOutputStream().close();
            String output = new String(sudo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!sudo.waitFor(10, TimeUnit.SECONDS)) {
                sudo.destroyForcibly();
                return Optional.of("sudo -n -l did not answer within 10 s");
            }
            if (sudo.exitValue() == 0 && output.contains(launcher.toString())) {
                return Optional.empty();
            }
            return Optional.of("the sudo rule does not let " + serviceUser + " run " + launcher
                    + "; user instances cannot start. Install the rule that `ucloud-im sudoers` prints as /etc/sudoers.d/ucloud-im");
        } catch (IOException e) {
            return Optional.of("sudo is not usable (" + e.getMessage() + "); install it (apt-get install sudo) and the rule that"
                    + " `ucloud-im sudoers` prints");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the sudo rule");
        }
    }
}
