package dk.sdu.im.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm with slurmdbd accounting, run by {@code scripts/slurm-cluster.sh} from one directory
 * (configs, state, logs, its own munged and MariaDB), on ports of its own, so it shares the host with anything
 * else. Start it once per test class as root and {@link #close() close} it at the end: the script stops exactly
 * the daemons it recorded. Commands reach the cluster through {@code SLURM_CONF}; {@link #as} puts it in front.
 */
final class SlurmCluster implements AutoCloseable {
    /** The directory used by the system tier; a "systest" name, so it is never a real installation's. */
    static final Path DIR = Path.of("/var/lib/ucloud-im-systest-slurm");
    private static final Path SCRIPT = Path.of(System.getProperty("im.slurmScript", "../scripts/slurm-cluster.sh"));
    /** Installing the packages on a fresh machine is the slow part (about 25 s measured, more on a slow mirror). */
    private static final long START_MINUTES = 10;

    private final Path dir;
    private final Path slurmConf;

    private SlurmCluster(Path dir, Path slurmConf) {
        this.dir = dir;
        this.slurmConf = slurmConf;
    }

    /** Starts the cluster in {@code dir} (or reuses it, if it runs), installing the packages if missing. Root only. */
    /**
     * The accounts the cluster enforces: the test users charge "default"; only imtbob may also charge
     * {@link #PROJECT_ACCOUNT}, so a job of imtalice charged to it is refused as at a site.
     */
    static final String PROJECT_ACCOUNT = "ucloud_p1";

    static SlurmCluster start(Path dir) {
        String out = script("start", dir, Installation.ALICE, Installation.BOB + ":" + PROJECT_ACCOUNT, Installation.CAROL);
        String conf = out.lines().filter(l -> l.startsWith("SLURM_CONF=")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("slurm-cluster.sh printed no SLURM_CONF: " + out));
        return new SlurmCluster(dir, Path.of(conf.substring("SLURM_CONF=".length())));
    }

    Path slurmConf() {
        return slurmConf;
    }

    /** {@code command} as {@code user} (setpriv, see {@link Host#as}) with SLURM_CONF pointing at this cluster. */
    String[] as(String user, String... command) {
        List<String> full = new ArrayList<>(List.of("env", "SLURM_CONF=" + slurmConf));
        full.addAll(List.of(command));
        return Host.as(user, full.toArray(String[]::new));
    }

    /** What {@code status} prints: one line per daemon. */
    String status() {
        return script("status", dir);
    }

    @Override
    public void close() {
        script("stop", dir);
    }

    /** Runs the script, its output to a log next to the cluster, and returns that output; fails on non-zero rc. */
    private static String script(String action, Path dir, String... arguments) {
        try {
            Path log = Files.createTempFile("ucloud-im-systest-slurm-" + action, ".log");
            try {
                List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), action, dir.toString()));
                command.addAll(List.of(arguments));
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .start();
                if (!process.waitFor(START_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("slurm-cluster.sh " + action + " timed out: " + Files.readString(log));
                }
                String out = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0 && !action.equals("status")) {
                    throw new IllegalStateException("slurm-cluster.sh " + action + " failed (" + process.exitValue() + "): " + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
