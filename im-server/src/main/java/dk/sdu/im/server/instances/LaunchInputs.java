package dk.sdu.im.server.instances;

import dk.sdu.im.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a sudo launch reads as the end user, found afresh at each call the way {@code bin/ucloud-im-user} finds it:
 * the launcher and its interpreter, the programs it runs, its flags file, {@code etc/config-dir} and
 * {@code etc/java} when present (and the JVM they name, with its runtime), every entry {@code lib/user/*} expands to
 * now (a jar added after IM/Server started included), the AOT cache when present, and the configuration directory
 * with {@code config.yml} and the files it names ({@link ConfiguredFiles}). Directories whose entries matter (where
 * a file is read only when present, the class path) are inputs themselves, so nobody else can add to them between
 * this check and the launch. Reads names, short files and attributes only; the files may be hostile.
 */
final class LaunchInputs {
    /** The launcher's defaults when {@code etc/java} and {@code etc/config-dir} are absent (bin/ucloud-im-user). */
    static final Path DEFAULT_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/ucloud-im");
    /** The programs the launcher runs by absolute path, besides its interpreter and the JVM. */
    static final List<Path> LAUNCHER_TOOLS = Stream.of("/usr/bin/dirname", "/usr/bin/cat", "/usr/bin/stat", "/usr/bin/env")
            .map(Path::of).toList();
    /** The parts of a JDK the JVM loads: the rest (include, jmods, legal, man) is never read by a running program. */
    private static final List<String> JAVA_RUNTIME = List.of("lib", "conf");

    private final Path launcher;
    private final ConfiguredFiles configured = new ConfiguredFiles();

    /** @param launcher the program the sudo rule allows, as sudo runs it ({@code instances.launcher}) */
    LaunchInputs(Path launcher) {
        this.launcher = launcher;
    }

    /**
     * The inputs as they are now, and what could not be found out (each such line stops launches too: what the
     * launcher would read is then unknown).
     */
    record Found(List<LaunchInput> inputs, List<String> unknown) {
        Found {
            inputs = List.copyOf(inputs);
            unknown = List.copyOf(unknown);
        }
    }

    Found now() {
        var found = new Collector();
        found.add(launcher, "the launcher sudo runs");
        interpreter(launcher, found);
        LAUNCHER_TOOLS.forEach(tool -> found.add(tool, "a program the launcher runs"));
        try {
            // As the launcher does: cd "$(dirname "$0")/.." && pwd -P
            distribution(PathChain.walk(grandparent(launcher)).real(), found);
        } catch (IOException e) {
            found.unknown("cannot find the distribution of " + launcher + ": " + reason(e));
        }
        return new Found(found.inputs, found.unknown);
    }

    private void distribution(Path home, Collector found) {
        found.add(home.resolve("bin/im-user-flags.sh"), "the launcher's JVM flags");
        found.add(home.resolve("etc"), "the directory of etc/java and etc/config-dir, read when present");
        jvm(named(home.resolve("etc/java"), DEFAULT_JAVA, "the JVM the launcher runs", found), found);
        found.add(home.resolve("lib"), "the directory of the AOT cache, read when present");
        found.add(home.resolve("lib/user"), "IM/User's class path, lib/user/*");
        entries(home.resolve("lib/user"), "IM/User's class path, lib/user/*", found);
        for (String aot : List.of("lib/im-user.aot", "lib/im-user.aot.jars")) {
            if (Files.isRegularFile(home.resolve(aot))) {
                found.add(home.resolve(aot), "the AOT cache IM/User maps");
            }
        }
        configuration(named(home.resolve("etc/config-dir"), DEFAULT_CONFIG_DIR, "the configuration directory", found), found);
    }

    /** The interpreter the kernel runs the launcher with ({@code #!} line), when it is a script. */
    private static void interpreter(Path launcher, Collector found) {
        try (BufferedReader reader = Files.newBufferedReader(launcher, StandardCharsets.ISO_8859_1)) {
            String first = reader.readLine();
            if (first != null && first.startsWith("#!")) {
                found.add(Path.of(first.substring(2).strip().split("[ \t]")[0]), "the launcher's interpreter");
            }
        } catch (IOException e) {
            found.unknown("cannot read the launcher " + launcher + ": " + reason(e));
        }
    }

    /**
     * The path a one-line file names ({@code read -r} of its first line, relative to {@code /}, where the launcher
     * runs), or the default when the file is absent, as the launcher's {@code [ -f FILE ]} decides.
     */
    private static Path named(Path file, Path fallback, String why, Collector found) {
        if (!Files.isRegularFile(file)) {
            found.add(fallback, why);
            return fallback;
        }
        found.add(file, "the file naming " + why);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line = reader.readLine();
            Path named = Path.of("/").resolve(line == null ? "" : line.strip());
            found.add(named, why + ", named in " + file);
            return named;
        } catch (IOException | InvalidPathException e) {
            found.unknown("cannot read " + file + " (" + why + "): " + (e instanceof IOException io ? reason(io) : e.getMessage()));
            return fallback;
        }
    }

    /** The JVM executable and the runtime it loads from its own home (found from its real path, as the JVM does). */
    private static void jvm(Path java, Collector found) {
        try {
            Path javaHome = grandparent(PathChain.walk(java).real());
            for (String part : JAVA_RUNTIME) {
                tree(javaHome.resolve(part), "the JVM's runtime in " + javaHome, found);
            }
        } catch (IOException e) {
            found.unknown("cannot find the home of the JVM " + java + ": " + reason(e));
        }
    }

    /** {@code <home>} of {@code <home>/bin/<program>}. */
    private static Path grandparent(Path program) throws IOException {
        Path bin = program.getParent();
        if (bin == null || bin.getParent() == null) {
            throw new IOException(program + " is not in a bin directory of an installation");
        }
        return bin.getParent();
    }

    private void configuration(Path configDir, Collector found) {
        found.add(configDir.resolve("config.yml"), "the configuration IM/User reads");
        try {
            configured.of(configDir).forEach(found.inputs::add);
        } catch (ConfigException | IOException e) {
            found.unknown("cannot learn which files " + configDir.resolve("config.yml") + " names (instances could not"
                    + " start either): " + e.getMessage());
        }
    }

    private static void entries(Path dir, String why, Collector found) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().forEach(entry -> found.add(entry, why));
        } catch (IOException e) {
            found.unknown("cannot list " + dir + " (" + why + "): " + reason(e));
        }
    }

    private static void tree(Path root, String why, Collector found) {
        try (Stream<Path> entries = Files.walk(root)) {
            entries.forEach(entry -> found.add(entry, why));
        } catch (IOException e) {
            found.unknown("cannot list " + root + " (" + why + "): " + reason(e));
        } catch (UncheckedIOException e) {
            found.unknown("cannot list " + root + " (" + why + "): " + reason(e.getCause()));
        }
    }

    /**
     * Why a file could not be read, in words: "does not exist" and "permission denied" (the JDK's messages for these
     * name only the path).
     */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException missing when missing.getFile() != null && missing.getFile().endsWith("does not exist") ->
                    missing.getFile(); // PathChain's, which names the first missing component
            case NoSuchFileException missing -> (missing.getFile() == null ? "" : missing.getFile() + " ") + "does not exist";
            case AccessDeniedException denied -> (denied.getFile() == null ? "" : denied.getFile() + ": ") + "permission denied";
            default -> e.getMessage();
        };
    }

    private static final class Collector {
        final List<LaunchInput> inputs = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();

        void add(Path path, String why) {
            inputs.add(new LaunchInput(path, why));
        }

        void unknown(String problem) {
            unknown.add(problem);
        }
    }
}
