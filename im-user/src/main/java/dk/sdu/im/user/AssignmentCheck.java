package dk.sdu.im.user;

import dk.sdu.im.config.ImConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Checks the UCloud user IM/Server assigned to this instance against what the service account cannot forge (DESIGN
 * 4.5, second half): a hostile service account can bind the IPC socket itself, launch this instance through the sudo
 * rule and name any UCloud user, after which tokens for that user (which the gateway sees) would reach this user's
 * files. So:
 * <ul>
 *   <li>if the root-owned {@code identity.mappings} names the assigned UCloud user, it must map to this account;
 *   <li>if it maps another UCloud user to this account, the assignment is refused;
 *   <li>otherwise (a mapping made some other way) the first assignment is recorded in this user's home,
 *       {@code ~/.ucloud-im/<providerId>.assignment} (trust on first use), and a later, different one is refused.
 *       An administrator resets it by deleting that file. What remains exposed: an account that was never assigned
 *       before can be assigned once to any UCloud user.
 * </ul>
 */
final class AssignmentCheck {
    private AssignmentCheck() {
    }

    /** How the assignment was accepted, or why it was refused. */
    sealed interface Verdict {
        record Accepted(String how) implements Verdict {
        }

        record Refused(String why) implements Verdict {
        }
    }

    static Verdict check(ImConfig config, String localUser, Path home, String assigned) {
        Map<String, String> mappings = config.identity().staticMappings();
        String configured = mappings.get(assigned);
        if (configured != null) {
            return configured.equals(localUser) ? new Verdict.Accepted("identity.mappings")
                    : new Verdict.Refused("identity.mappings maps " + assigned + " to " + configured + ", not to " + localUser);
        }
        if (mappings.containsValue(localUser)) {
            return new Verdict.Refused("identity.mappings gives " + localUser + " to another UCloud user than " + assigned);
        }
        return firstUse(home.resolve(".ucloud-im").resolve(config.provider().id() + ".assignment"), assigned);
    }

    private static Verdict firstUse(Path record, String assigned) {
        try {
            if (Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
                return recorded(record, assigned);
            }
            write(record, assigned);
            return new Verdict.Accepted("recorded on first use in " + record);
        } catch (FileAlreadyExistsException e) {
            return firstUse(record, assigned); // a concurrent first use won; judge what it wrote
        } catch (IOException e) {
            return new Verdict.Refused("cannot keep the first-use record " + record + ": " + e.getMessage());
        }
    }

    private static Verdict recorded(Path record, String assigned) throws IOException {
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return new Verdict.Refused(record + " is not a regular file");
        }
        String first = Files.readString(record, StandardCharsets.UTF_8).strip();
        return first.equals(assigned) ? new Verdict.Accepted("first-use record " + record)
                : new Verdict.Refused("this account was first assigned to " + first + " (" + record
                        + "; an administrator deletes it to allow another UCloud user)");
    }

    private static void write(Path record, String assigned) throws IOException {
        Path directory = record.getParent();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path partial = Files.createTempFile(directory, ".assignment", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, assigned + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.createLink(record, partial); // fails if another first use got there: never overwrites a record
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
