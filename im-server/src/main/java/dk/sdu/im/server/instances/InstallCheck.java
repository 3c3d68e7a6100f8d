package dk.sdu.im.server.instances;

import dk.sdu.im.config.InstancesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What stops user instances from launching through sudo right now, one line per problem naming what the
 * administrator must fix: a launcher that does not exist, a sudo rule that does not let the service user run it as
 * members of {@code instances.userGroup} ({@link SudoCheck}), and anything on the way to what a launch reads that
 * someone other than root could change ({@link LaunchInputs}, {@link InstallIntegrity}). It is the one check behind
 * {@link SudoLauncher#unsafe()} (before every launch), IM/Server's start-up report and {@code ucloud-im config check}.
 *
 * <p>Reads names, short files and attributes only, and runs {@code sudo -n -l} (again only when the host's sudo files
 * changed, {@link SudoGate}). Safe to call from any thread.
 */
public final class InstallCheck {
    private final Path launcher;
    private final Optional<SudoGate> sudo;
    private final LaunchInputs inputs;

    InstallCheck(Path launcher, Optional<SudoGate> sudo) {
        this.launcher = launcher;
        this.sudo = sudo;
        this.inputs = new LaunchInputs(launcher);
    }

    /** IM/Server's own check: sudo is asked as this process, the service user. */
    public static InstallCheck system(InstancesConfig instances) {
        return new InstallCheck(instances.launcher(),
                Optional.of(SudoGate.system(instances.launcher(), instances.serviceUser(), instances.userGroup())));
    }

    /** The check with sudo asked through {@code sudo} (e.g. {@link SudoCheck#asRootFor}, for {@code config check} as root). */
    public static InstallCheck of(InstancesConfig instances, SudoCheck sudo) {
        return new InstallCheck(instances.launcher(),
                Optional.of(SudoGate.of(sudo, instances.launcher(), instances.serviceUser(), instances.userGroup())));
    }

    /** The check without the sudo rule, for a caller whose sudo listing would not be the service user's. */
    public static InstallCheck withoutSudo(InstancesConfig instances) {
        return new InstallCheck(instances.launcher(), Optional.empty());
    }

    /**
     * Every problem found, one line each; empty when instances can launch. A launcher that does not exist is the one
     * problem reported then, since every other check would only repeat it.
     */
    public List<String> problems() {
        if (Files.notExists(launcher)) {
            return List.of("instances.launcher " + launcher + " does not exist, so no user instance can start; install the"
                    + " distribution so that this is its bin/ucloud-im-user, or set instances.launcher in config.yml to"
                    + " the installed one");
        }
        List<String> problems = new ArrayList<>();
        sudo.flatMap(SudoGate::problem).ifPresent(problems::add);
        LaunchInputs.Found found = inputs.now();
        problems.addAll(found.unknown());
        problems.addAll(InstallIntegrity.problems(found.inputs()));
        return List.copyOf(problems);
    }

    /**
     * At most {@code max} of {@code problems} for a log, and then one line counting the rest: a checkout owned by
     * someone else fails for every file in it, and the first few lines already say what to fix.
     */
    public static List<String> shortened(List<String> problems, int max) {
        if (problems.size() <= max) {
            return problems;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, max));
        shown.add("and " + (problems.size() - max) + " more problems of this install; `ucloud-im config check` lists them all");
        return List.copyOf(shown);
    }
}
