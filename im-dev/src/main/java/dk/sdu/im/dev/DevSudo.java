package dk.sdu.im.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * As root, development mode runs user instances the production way: through the sudo rule, from this
 * (root-owned) distribution. It installs the rule as {@code /etc/sudoers.d/ucloud-im-dev} after visudo
 * accepted it, and removes it on exit.
 */
final class DevSudo {
    static final Path RULE = Path.of("/etc/sudoers.d/ucloud-im-dev");

    private DevSudo() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/sudo")) && Files.isExecutable(Path.of("/usr/sbin/visudo"));
    }

    /** Installs the rule printed by {@code ucloud-im sudoers} and points the launcher at {@code configDir}. */
    static void install(Path home, Path configDir) throws IOException, InterruptedException {
        Files.writeString(home.resolve("etc/config-dir"), configDir + "\n");
        Process sudoers = new ProcessBuilder(home.resolve("bin/ucloud-im").toString(), "sudoers", "--config-dir",
                configDir.toString()).redirectErrorStream(true).start();
        String rule = new String(sudoers.getInputStream().readAllBytes());
        if (sudoers.waitFor() != 0) {
            throw new IOException("ucloud-im sudoers failed: " + rule);
        }
        Path candidate = Files.createTempFile("ucloud-im-dev", ".sudoers");
        Files.writeString(candidate, rule);
        DevAccounts.run("visudo", "-qcf", candidate.toString());
        DevAccounts.run("install", "-o", "root", "-g", "root", "-m", "0440", candidate.toString(), RULE.toString());
        Files.delete(candidate);
    }

    static void remove() {
        try {
            Files.deleteIfExists(RULE);
        } catch (IOException ignored) {
            // best effort on exit
        }
    }
}
