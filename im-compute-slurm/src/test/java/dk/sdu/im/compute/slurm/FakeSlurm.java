package dk.sdu.im.compute.slurm;

import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary {@code compute.slurmBin} of small shell scripts named like the Slurm tools. Each records its argv
 * (one line per call), its environment and its working directory under {@code calls/}, then does what the test
 * asked: print canned output and exit with a status, or run a script body (to hang or flood). No real Slurm runs.
 */
final class FakeSlurm {
    /** Fields of one recorded argv line: the unit separator, which no argument of ours contains. */
    private static final String SEPARATOR = "\u001f";
    /** Limits small enough that a hang or a flood is found in well under a second. */
    static final SlurmTools.Limits QUICK = new SlurmTools.Limits(Duration.ofMillis(800), Duration.ofSeconds(5), 64 << 10, 4 << 10);

    private final Path dir;
    private final Path bin;
    private final Path calls;

    FakeSlurm(Path dir) {
        this.dir = dir;
        this.bin = dir.resolve("bin");
        this.calls = dir.resolve("calls");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(calls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path bin() {
        return bin;
    }

    Path calls() {
        return calls;
    }

    Path slurmConf() {
        return dir.resolve("slurm.conf");
    }

    /** The configuration of a site with this fake as its Slurm: compute categories cpu (partition debug) and gpu. */
    ImConfig config(String categories) {
        write(dir.resolve("etc/config.yml"), """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.sdu.dk
                products:
                %s
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                compute:
                  backend: slurm
                  slurmBin: %s
                  slurmConf: %s
                """.formatted(categories.indent(2).stripTrailing(), bin, slurmConf()));
        try {
            return ImConfig.load(dir.resolve("etc"));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration with one compute category {@code cpu} in partition {@code debug}. */
    ImConfig config() {
        return config("""
                cpu:
                  type: compute
                  accountingUnit: {name: Core hour}
                  accountingFrequency: PERIODIC_MINUTE
                  partition: debug
                  products:
                    - {name: cpu-1}
                """);
    }

    /** The tools of {@link #config()} with {@link #QUICK} limits and {@code parent} as this process's environment. */
    SlurmTools tools(Map<String, String> parent) {
        return new SlurmTools(config().compute(), parent, QUICK);
    }

    SlurmTools tools() {
        return tools(Map.of("HOME", "/home/imtalice", "USER", "imtalice"));
    }

    /** {@code tool} prints {@code stdout} and {@code stderr} and exits with {@code exit}. */
    FakeSlurm answers(String tool, int exit, String stdout, String stderr) {
        write(calls.resolve(tool + ".out"), stdout);
        write(calls.resolve(tool + ".err"), stderr);
        return script(tool, "cat " + quoted(calls.resolve(tool + ".out")) + "\ncat " + quoted(calls.resolve(tool + ".err"))
                + " >&2\nexit " + exit);
    }

    /** {@code tool} records its call, then runs {@code body} (sh). */
    FakeSlurm script(String tool, String body) {
        String record = "printf '%s" + "\\037" + "' \"$@\" >> " + quoted(calls.resolve(tool + ".argv")) + "\n"
                + "echo >> " + quoted(calls.resolve(tool + ".argv")) + "\n"
                + "env > " + quoted(calls.resolve(tool + ".env")) + "\n"
                + "pwd > " + quoted(calls.resolve(tool + ".pwd")) + "\n"
                + "readlink /proc/$$/fd/0 > " + quoted(calls.resolve(tool + ".stdin")) + "\n";
        Path script = bin.resolve(tool);
        write(script, "#!/bin/sh\n" + record + body + "\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every call of {@code tool} so far, each its arguments (argv without the program). */
    List<List<String>> argv(String tool) {
        Path file = calls.resolve(tool + ".argv");
        if (!Files.exists(file)) {
            return List.of();
        }
        return read(file).lines().map(l -> l.isEmpty() ? List.<String>of()
                : Arrays.asList(l.substring(0, l.length() - 1).split(SEPARATOR, -1))).toList();
    }

    /** The arguments of the only call of {@code tool}. */
    List<String> onlyCall(String tool) {
        List<List<String>> all = argv(tool);
        if (all.size() != 1) {
            throw new AssertionError(tool + " was called " + all.size() + " times: " + all);
        }
        return all.getFirst();
    }

    /** The environment of the last call of {@code tool}, without PWD (which sh sets itself). */
    Map<String, String> environment(String tool) {
        Map<String, String> environment = new LinkedHashMap<>();
        read(calls.resolve(tool + ".env")).lines().forEach(l -> {
            int equals = l.indexOf('=');
            environment.put(l.substring(0, equals), l.substring(equals + 1));
        });
        environment.remove("PWD");
        return environment;
    }

    /** The working directory of the last call of {@code tool}. */
    Path workingDirectory(String tool) {
        return Path.of(read(calls.resolve(tool + ".pwd")).strip());
    }

    /** What the last call of {@code tool} had as its standard input. */
    String standardInput(String tool) {
        return read(calls.resolve(tool + ".stdin")).strip();
    }

    static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
