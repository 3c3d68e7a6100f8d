package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Instances of this installation that an earlier IM/Server left running (crashed, killed, or one that did not stop),
 * found at start-up from {@code /proc}: IM/User processes whose command line names this configuration directory.
 * IM/Server cannot signal them (they run as their users; the sudo rule allows nothing but the launcher), and they need
 * no signal: each has lost its IPC connection and stops itself within {@code instances.serverLossGraceSeconds}. This
 * says so at start-up, and says again, as an error for the administrator, about any that outlive that.
 */
public final class LeftoverInstances {
    private static final Logger LOG = Logger.getLogger(LeftoverInstances.class.getName());
    private static final String MAIN_CLASS = "dk.sdu.im.user.UserMain";
    private static final Path PROC = Path.of("/proc");

    private LeftoverInstances() {
    }

    /** One leftover instance: its pid and the uid it runs as. */
    public record Leftover(long pid, int uid) {
    }

    /** The IM/User processes now running with {@code configDir} as their configuration. */
    public static List<Leftover> find(Path configDir) {
        List<Leftover> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> isInstanceOf(p, configDir.toAbsolutePath().normalize()))
                    .forEach(p -> uid(p).ifPresent(uid -> found.add(new Leftover(Long.parseLong(p.getFileName().toString()), uid))));
        } catch (IOException e) {
            LOG.warning("could not look for leftover instances in /proc: " + e.getMessage());
        }
        return found;
    }

    /** Logs what {@link #find} sees now, and checks again after {@code grace} plus a margin. */
    public static void report(Path configDir, Duration grace, ScheduledExecutorService scheduler) {
        List<Leftover> now = find(configDir);
        if (now.isEmpty()) {
            return;
        }
        LOG.warning(() -> now.size() + " user instance(s) of this installation from an earlier IM/Server still run "
                + now + "; they have lost IPC and stop themselves within " + grace.toSeconds() + " s");
        scheduler.schedule(() -> {
            List<Leftover> still = find(configDir).stream().filter(now::contains).toList();
            if (!still.isEmpty()) {
                LOG.severe(() -> "user instance(s) of this installation from an earlier IM/Server outlived their grace "
                        + still + "; stop them as root (kill <pid>)");
            }
        }, grace.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean isInstanceOf(Path process, Path configDir) {
        try {
            List<String> args = Arrays.asList(new String(Files.readAllBytes(process.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int flag = args.indexOf("--config-dir");
            return args.contains(MAIN_CLASS) && flag >= 0 && flag + 1 < args.size()
                    && Path.of(args.get(flag + 1)).toAbsolutePath().normalize().equals(configDir);
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or not readable: not ours to judge
        }
    }

    private static java.util.Optional<Integer> uid(Path process) {
        try {
            return java.util.Optional.of((Integer) Files.getAttribute(process, "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
