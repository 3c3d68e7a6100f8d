package dk.sdu.im.server.instances;

import dk.sdu.im.server.identity.LocalAccount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Production launch: {@code sudo -n -u <user> <launcher>}, exactly the one command the sudo rule allows,
 * with no arguments and an empty environment. The launcher and everything it loads must pass
 * {@link InstallIntegrity} before each launch.
 */
public final class SudoLauncher implements InstanceLauncher {
    private final Path launcher;
    private final List<Path> launchInputs;

    public SudoLauncher(Path launcher, Path javaHome, Path configDir) {
        this.launcher = launcher;
        this.launchInputs = InstallIntegrity.launchInputs(launcher, javaHome, configDir);
    }

    @Override
    public Process launch(LocalAccount account) throws IOException {
        var builder = new ProcessBuilder("/usr/bin/sudo", "-n", "-u", account.name(), launcher.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true); // one pipe, which the supervisor relays into the log, marked as this user's
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        return builder.start();
    }

    @Override
    public List<String> unsafe() {
        return InstallIntegrity.problems(launchInputs);
    }
}
