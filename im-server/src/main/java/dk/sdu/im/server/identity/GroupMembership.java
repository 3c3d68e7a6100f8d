package dk.sdu.im.server.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Whether a local account may be served: a member of {@code instances.userGroup}, the group the sudo rule lets the
 * service account run the launcher as (its primary group, or a listed member), as NSS says through
 * {@code getent group NAME}. A mapped account outside the group can never be launched, so connecting it would only
 * register drives at UCloud that nothing serves.
 */
public final class GroupMembership {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private final String group;

    public GroupMembership(String group) {
        this.group = group;
    }

    /** A group as {@code getent group} prints it. */
    record Group(String name, int gid, java.util.List<String> members) {
        boolean includes(LocalAccount account) {
            return account.gid() == gid || members.contains(account.name());
        }
    }

    public boolean includes(LocalAccount account) {
        return lookUp().map(g -> g.includes(account)).orElse(false);
    }

    /** Whether NSS knows the group at all ({@code getent group}); a missing group serves nobody. */
    public boolean exists() {
        return lookUp().isPresent();
    }

    public String group() {
        return group;
    }

    /** The group as NSS reports it now; empty when it does not exist (or its name is not a group name). */
    Optional<Group> lookUp() {
        if (!NAME.matcher(group).matches()) {
            return Optional.empty();
        }
        try {
            Process getent = new ProcessBuilder("getent", "group", group).start();
            getent.getOutputStream().close();
            String line = new String(getent.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8).strip();
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new IllegalStateException("getent group " + group + " did not answer within 10 s");
            }
            return getent.exitValue() == 0 ? parse(group, line) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run getent to look up group " + group + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up group " + group, e);
        }
    }

    static Optional<Group> parse(String name, String groupLine) {
        String[] fields = groupLine.split(":", -1);
        if (fields.length < 4 || !fields[0].equals(name)) {
            return Optional.empty();
        }
        try {
            var members = fields[3].isEmpty() ? java.util.List.<String>of() : Arrays.asList(fields[3].split(","));
            return Optional.of(new Group(name, Integer.parseInt(fields[2]), java.util.List.copyOf(members)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
