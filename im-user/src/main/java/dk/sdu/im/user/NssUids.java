package dk.sdu.im.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A local account's uid through {@code /usr/bin/getent passwd NAME}, so accounts from files, LDAP or SSSD are seen as
 * the rest of the system sees them. The name comes from the validated configuration and is passed as one argument,
 * never through a shell; the environment is empty.
 */
final class NssUids implements GatewayPeers.Accounts {
    @Override
    public OptionalInt uid(String name) throws IOException {
        var builder = new ProcessBuilder("/usr/bin/getent", "passwd", name).redirectErrorStream(true);
        builder.environment().clear();
        Process getent = builder.start();
        getent.getOutputStream().close();
        String line = new String(getent.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
        try {
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new IOException("getent passwd " + name + " did not answer within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + name, e);
        }
        String[] fields = line.split(":", -1);
        if (getent.exitValue() != 0 || fields.length < 7 || !fields[0].equals(name) || !fields[2].matches("[0-9]{1,10}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(fields[2]));
    }
}
