package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.config.ComputeConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Slurm tools of {@code compute.slurmBin}, by absolute path, each argument its own argv entry (no shell
 * ever sees them). The child gets a clean environment: {@code PATH=/usr/bin:/bin}, {@code LANG=C.UTF-8},
 * {@code HOME} and {@code USER} when this process has them, and {@code SLURM_CONF} when configured; nothing else
 * of this process's environment (so no stray {@code SLURM_*} or {@code LD_*} variable changes what a tool does).
 * Its standard input is {@code /dev/null}; its output is captured up to {@link Limits}; a tool that runs past its
 * timeout, or prints more than the limit, is killed with everything it started.
 *
 * <p>Trust: the arguments are the caller's to check (job ids through {@link JobIds}); this class only makes sure
 * they reach the tool unchanged. A refusal from here is always the site's ({@code userError=false}): the tool is
 * missing, hung or flooding. What the tool itself said is in the {@link Outcome} for the caller to judge.
 */
final class SlurmTools {
    /** The tools this backend runs. */
    enum Tool {
        SBATCH, SCANCEL, SQUEUE, SACCT, SINFO;

        String program() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How long a call may take and how much it may print.
     *
     * @param userCall calls made while Core waits (UCloud gives up after 5 s)
     * @param serverCall IM/Server's polls and checks, where nobody waits on the answer
     */
    record Limits(Duration userCall, Duration serverCall, int maxStdout, int maxStderr) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(4), Duration.ofSeconds(30), 8 << 20, 64 << 10);
    }

    /** How a tool ended: its exit status and everything it printed. */
    record Outcome(Tool tool, int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }

        /** Whether the tool's standard error or output contains {@code text}. */
        boolean said(String text) {
            return stderr.contains(text) || stdout.contains(text);
        }

        /**
         * Slurm's own words for the failure, for the user: standard error's lines trimmed and joined by a space
         * (standard output's if it wrote nothing there), or the exit status if it said nothing.
         */
        String words() {
            String words = joined(stderr);
            if (words.isEmpty()) {
                words = joined(stdout);
            }
            return words.isEmpty() ? tool.program() + " exited with status " + exit : words;
        }

        private static String joined(String text) {
            return String.join(" ", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        }
    }

    private static final File NO_INPUT = new File("/dev/null");

    private final Path bin;
    private final Map<String, String> environment;
    private final Limits limits;

    SlurmTools(ComputeConfig config, Map<String, String> parentEnvironment, Limits limits) {
        this.bin = config.slurmBin();
        this.environment = environment(config.slurmConf(), parentEnvironment);
        this.limits = limits;
    }

    /** This process's tools for {@code config}, with the default limits. */
    static SlurmTools of(ComputeConfig config) {
        return new SlurmTools(config, System.getenv(), Limits.DEFAULT);
    }

    Limits limits() {
        return limits;
    }

    /** The environment every tool gets (see the class comment). */
    static Map<String, String> environment(Optional<Path> slurmConf, Map<String, String> parent) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        for (String inherited : List.of("HOME", "USER")) {
            String value = parent.get(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        slurmConf.ifPresent(conf -> environment.put("SLURM_CONF", conf.toString()));
        return Map.copyOf(environment);
    }

    /** Runs {@code tool} with {@code arguments} in {@code directory} (this process's, if empty) for at most {@code timeout}. */
    Outcome run(Tool tool, List<String> arguments, Optional<Path> directory, Duration timeout) throws ComputeRefusal {
        Process process = start(tool, arguments, directory);
        try (Capture stdout = Capture.of(process, process.getInputStream(), limits.maxStdout());
             Capture stderr = Capture.of(process, process.getErrorStream(), limits.maxStderr())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && stdout.await(deadline) && stderr.await(deadline);
            checkFlood(tool, stdout, "standard output", limits.maxStdout());
            checkFlood(tool, stderr, "standard error", limits.maxStderr());
            if (!ended) {
                Capture.kill(process);
                throw new ComputeRefusal(tool.program() + " did not finish within " + seconds(timeout)
                        + " and was stopped; Slurm may be overloaded or unreachable", false);
            }
            return new Outcome(tool, process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            Capture.kill(process);
            Thread.currentThread().interrupt();
            throw new ComputeRefusal("interrupted while waiting for " + tool.program(), false);
        }
    }

    private Process start(Tool tool, List<String> arguments, Optional<Path> directory) throws ComputeRefusal {
        Path program = bin.resolve(tool.program());
        if (!Files.isExecutable(program)) {
            throw new ComputeRefusal(tool.program() + " is not installed: " + program
                    + " is not an executable file (compute.slurmBin names the directory of the Slurm tools)", false);
        }
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add(program.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(NO_INPUT);
        builder.environment().clear();
        builder.environment().putAll(environment);
        directory.ifPresent(d -> builder.directory(d.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ComputeRefusal("could not run " + program + directory.map(d -> " in " + d).orElse("") + ": "
                    + e.getMessage(), false);
        }
    }

    private static void checkFlood(Tool tool, Capture capture, String stream, int limit) throws ComputeRefusal {
        if (capture.overflowed()) {
            throw new ComputeRefusal(tool.program() + " printed more than " + limit + " bytes on its " + stream
                    + " and was stopped", false);
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
