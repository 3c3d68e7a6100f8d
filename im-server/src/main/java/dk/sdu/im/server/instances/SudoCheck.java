package dk.sdu.im.server.instances;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that the sudo rule lets this service user run the launcher, and that sudo has nothing to warn about:
 * {@code sudo -n -l} lists the user's rules without a password (the rule is NOPASSWD). Any line sudo writes to
 * standard error counts as a problem, even when it exits 0: sudo warns and carries on when, for example, a second
 * installation's rule defines the same alias names ("Alias ... already defined"), and the later definition then
 * rebinds this installation's rule to the other's launcher and group. Returns the problem in words, for one log line.
 */
public final class SudoCheck {
    private static final long TIMEOUT_SECONDS = 10;
    private final List<String> command;

    /** @param command lists the calling user's sudo rules; {@link #system()} in production, a stand-in in tests */
    SudoCheck(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static SudoCheck system() {
        return new SudoCheck(List.of("/usr/bin/sudo", "-n", "-l"));
    }

    /** Lists the rules by running {@code command} in sudo's place, e.g. a stand-in printing a listing in a test. */
    public static SudoCheck running(List<String> command) {
        return new SudoCheck(command);
    }

    /**
     * Lists {@code serviceUser}'s rules as root may ({@code sudo -n -l -U}), for {@code config check} run as root; the
     * listing and warnings are those the service user gets from {@link #system()}.
     */
    public static SudoCheck asRootFor(String serviceUser) {
        return new SudoCheck(List.of("/usr/bin/sudo", "-n", "-l", "-U", serviceUser));
    }

    /** What {@code sudo -n -l} said: its exit status, the listing (standard output) and its warnings (standard error). */
    record Listing(int exit, String out, String err) {
    }

    /** Whether the rule lets {@code serviceUser} run the launcher, whichever group it runs it as. */
    public Optional<String> problem(Path launcher, String serviceUser) {
        return problem(launcher, serviceUser, Optional.empty());
    }

    /**
     * Whether the rule lets {@code serviceUser} run the launcher as members of {@code userGroup}
     * ({@code instances.userGroup}): a rule for another group lets no configured user be served.
     */
    public Optional<String> problem(Path launcher, String serviceUser, String userGroup) {
        return problem(launcher, serviceUser, Optional.of(userGroup));
    }

    private Optional<String> problem(Path launcher, String serviceUser, Optional<String> userGroup) {
        try {
            return judge(list(), launcher, serviceUser, userGroup);
        } catch (IOException | CompletionException e) {
            return Optional.of("sudo is not usable (" + e.getMessage() + "); install it (apt-get install sudo) and the rule that"
                    + " `ucloud-im sudoers` prints");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the sudo rule");
        }
    }

    /** The judgement alone: the rule must list the launcher with no arguments, and sudo must have printed no warning. */
    static Optional<String> judge(Listing listing, Path launcher, String serviceUser) {
        return judge(listing, launcher, serviceUser, Optional.empty());
    }

    /** As {@link #judge(Listing, Path, String)}; when a group is named, a rule line for the launcher must run it as that group. */
    static Optional<String> judge(Listing listing, Path launcher, String serviceUser, Optional<String> userGroup) {
        if (listing.exit() < 0) {
            return Optional.of("sudo -n -l did not answer within " + TIMEOUT_SECONDS + " s");
        }
        String warnings = warnings(listing.err());
        if (listing.exit() != 0 || !lists(listing.out(), launcher)) {
            return Optional.of("the sudo rule does not let " + serviceUser + " run " + launcher
                    + "; user instances cannot start. Install the rule that `ucloud-im sudoers` prints in /etc/sudoers.d"
                    + (warnings.isEmpty() ? "" : " (sudo said: " + warnings + ")"));
        }
        if (userGroup.isPresent() && launcherLines(listing.out(), launcher).noneMatch(line -> runsAs(line, userGroup.get()))) {
            return Optional.of("the sudo rule lets " + serviceUser + " run " + launcher + " only as "
                    + String.join(" or ", launcherLines(listing.out(), launcher).map(SudoCheck::runAsList).toList())
                    + ", not as members of instances.userGroup " + userGroup.get() + ", so no configured user can be served."
                    + " Install the rule that `ucloud-im sudoers` prints now, or set instances.userGroup to the rule's group");
        }
        if (!warnings.isEmpty()) {
            return Optional.of("sudo -n -l as " + serviceUser + " warns: " + warnings + "; a warning can mean that another"
                    + " rule rebinds this installation's (two rules defining the same alias names), so user instances will not"
                    + " start until it prints none. Fix the files it names (`visudo -c` shows the same), e.g. install the rule"
                    + " each installation's `ucloud-im sudoers` prints now: their alias names differ");
        }
        return Optional.empty();
    }

    /** Whether a rule line names the launcher as a whole word (not a longer path that starts with it). */
    private static boolean lists(String out, Path launcher) {
        return Pattern.compile("(^|\\s)" + Pattern.quote(launcher.toString()) + "(\\s|$)", Pattern.MULTILINE).matcher(out).find();
    }

    private static Stream<String> launcherLines(String out, Path launcher) {
        return out.lines().filter(line -> lists(line, launcher));
    }

    /** The run-as list a rule line starts with, e.g. {@code (%ucloud-users, !root, !#0)}; {@code (root)} when it has none. */
    private static String runAsList(String line) {
        String rule = line.strip();
        return rule.startsWith("(") && rule.indexOf(')') > 0 ? rule.substring(0, rule.indexOf(')') + 1) : "(root)";
    }

    /**
     * Whether the run-as list covers the group: as in sudo, the last entry naming it ({@code %group} or {@code ALL})
     * decides, and a negated one ({@code !%group}, {@code !ALL}) takes it out again.
     */
    private static boolean runsAs(String line, String group) {
        String list = runAsList(line);
        String users = list.substring(1, list.length() - 1).split(":", 2)[0];
        boolean covered = false;
        for (String user : users.split(",")) {
            String entry = user.strip();
            boolean negated = entry.startsWith("!");
            String name = negated ? entry.substring(1).strip() : entry;
            if (name.equals("%" + group) || name.equals("ALL")) {
                covered = !negated;
            }
        }
        return covered;
    }

    /** Sudo's warnings joined into one line: each names a file and line, then a copy of that line and a caret. */
    private static String warnings(String err) {
        return String.join(" / ", err.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.equals("^")).toList());
    }

    /** Runs the command once; a listing with exit -1 when it did not answer in time. */
    Listing list() throws IOException, InterruptedException {
        Process sudo = new ProcessBuilder(command).start();
        sudo.getOutputStream().close();
        CompletableFuture<String> out = read(sudo.getInputStream());
        CompletableFuture<String> err = read(sudo.getErrorStream());
        if (!sudo.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            sudo.destroyForcibly();
            return new Listing(-1, "", "");
        }
        return new Listing(sudo.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        var text = new CompletableFuture<String>();
        Thread.ofVirtual().name("sudo-listing").start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return text;
    }
}
