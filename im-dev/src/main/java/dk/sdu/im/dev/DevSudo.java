package dk.sdu.im.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * As root, development mode runs user instances the production way: through the sudo rule, from its root-owned copy
 * of the distribution ({@link DevCopy}). It installs the rule as a file of this run's own,
 * {@code /etc/sudoers.d/ucloud-im-dev-<run>}, after visudo accepted it, and removes it on exit; the rule's alias names
 * derive from the copy's launcher path, so two runs (or a run beside a site) never rebind each other's.
 */
final class DevSudo {
    private DevSudo() {
    }

    /**
     * The rule file of the run whose temporary directory is {@code runDir} ({@code ucloud-im-dev.<digits>}); sudo skips
     * files in /etc/sudoers.d whose names contain a dot, so the digits follow a dash.
     */
    static Path ruleFor(Path runDir) {
        String name = runDir.getFileName().toString();
        return Path.of("/etc/sudoers.d/ucloud-im-dev-" + name.substring(name.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9]", ""));
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isExecutable(Path.of("/usr/sbin/visudo"));
    }

    /** Installs the rule printed by {@code ucloud-im sudoers} as {@code rule}, the copy's launcher reading {@code configDir}. */
    static void install(Path home, Path configDir, Path rule) throws IOException, InterruptedException {
        Files.writeString(home.resolve("etc/config-dir"), configDir + "\n");
        // Without --config-dir: the copy's commands, as its launcher, read the directory its etc/config-dir names.
        Process sudoers = new ProcessBuilder(home.resolve("bin/ucloud-im").toString(), "sudoers").redirectErrorStream(true).start();
        String text = new String(sudoers.getInputStream().readAllBytes());
        if (sudoers.waitFor() != 0) {
            throw new IOException("ucloud-im sudoers failed: " + text);
        }
        Path candidate = Files.createTempFile("ucloud-im-dev", ".sudoers");
        Files.writeString(candidate, text);
        DevAccounts.run("visudo", "-qcf", candidate.toString());
        DevAccounts.run("install", "-o", "root", "-g", "root", "-m", "0440", candidate.toString(), rule.toString());
        Files.delete(candidate);
    }

    static void remove(Path rule) {
        try {
            Files.deleteIfExists(rule);
        } catch (IOException ignored) {
            // best effort on exit
        }
    }
}
