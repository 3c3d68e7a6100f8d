package dk.sdu.im.server.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Asks NSS through {@code getent passwd NAME}, so accounts from files, LDAP or SSSD are all seen exactly as
 * sudo and login see them. The name is validated first and passed as one argument, never through a shell.
 */
public final class NssAccounts implements LocalAccounts {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    @Override
    public Optional<LocalAccount> byName(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            Process getent = new ProcessBuilder("getent", "passwd", name).redirectErrorStream(false).start();
            getent.getOutputStream().close();
            String line = new String(getent.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new IllegalStateException("getent passwd " + name + " did not answer within 10 s");
            }
            return getent.exitValue() == 0 ? parse(name, line) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run getent to look up " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up " + name, e);
        }
    }

    static Optional<LocalAccount> parse(String name, String passwdLine) {
        String[] fields = passwdLine.split(":", -1);
        if (fields.length < 7 || !fields[0].equals(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalAccount(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                    Path.of(fields[5])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
