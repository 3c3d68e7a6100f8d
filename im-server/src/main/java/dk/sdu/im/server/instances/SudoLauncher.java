package dk.sdu.im.server.instances;

import dk.sdu.im.config.InstancesConfig;
import dk.sdu.im.server.identity.LocalAccount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Production launch: {@code sudo -n -u <user> <launcher>}, exactly the one command the sudo rule allows,
 * with no arguments and an empty environment. Before each launch ({@link #unsafe()}, {@link InstallCheck}) the launcher
 * must exist, the sudo rule must work without a warning ({@link SudoGate}) and everything the launch reads, found afresh
 * ({@link LaunchInputs}), must be changeable by root alone ({@link InstallIntegrity}).
 */
public final class SudoLauncher implements InstanceLauncher {
    private final Path launcher;
    private final InstallCheck check;

    /** @param serviceUser the account this process runs as, named in the problem when the sudo rule does not work */
    public SudoLauncher(Path launcher, String serviceUser) {
        this(launcher, SudoGate.system(launcher, serviceUser));
    }

    /** Launches as {@code instances} says, checking before each launch that the sudo rule covers its user group. */
    public SudoLauncher(InstancesConfig instances) {
        this(instances.launcher(), InstallCheck.system(instances));
    }

    SudoLauncher(Path launcher, SudoGate sudo) {
        this(launcher, new InstallCheck(launcher, Optional.of(sudo)));
    }

    private SudoLauncher(Path launcher, InstallCheck check) {
        this.launcher = launcher;
        this.check = check;
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
        return check.problems();
    }
}
