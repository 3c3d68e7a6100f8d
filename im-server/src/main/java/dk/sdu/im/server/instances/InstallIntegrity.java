package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges whether only root can change what a launch reads (DESIGN 4.2): every object on the way to each
 * {@link LaunchInput} (each directory above it, each symbolic link and each directory above that link's target, and
 * the target itself) must be owned by root and writable by nobody else. Group write counts even for group root,
 * and an ACL granting write to anyone shows as group write (the ACL mask). One exception: a root-owned sticky
 * directory (such as {@code /tmp}) may lie on the way, because there nobody but root can rename or remove the
 * root-owned entry that comes next; it may never be an input itself, whose entries could then be added to.
 */
final class InstallIntegrity {
    private InstallIntegrity() {
    }

    /**
     * Every problem found, one line each naming the object, the fix and the input it was found for; empty when only
     * root can change the inputs. Each object is reported once, for the first input it lies on the way to.
     */
    static List<String> problems(List<LaunchInput> inputs) {
        Map<Path, PathChain.Hop> seen = new HashMap<>();
        Set<PathChain.Hop> judged = new HashSet<>();
        Set<Path> refused = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (LaunchInput input : inputs) {
            try {
                for (PathChain.Hop hop : PathChain.walk(input.path(), seen).hops()) {
                    if (judged.add(hop) && !refused.contains(hop.path())) {
                        problemOf(hop).ifPresent(problem -> {
                            refused.add(hop.path());
                            problems.add(problem + neededFor(input, hop.path()));
                        });
                    }
                }
            } catch (NoSuchFileException e) {
                problems.add(e.getMessage() + neededFor(input, null));
            } catch (AccessDeniedException e) {
                problems.add(e.getFile() + ": permission denied, so this account cannot see who may change it; every"
                        + " directory on the way must be searchable by the service user and the users (chmod a+x)"
                        + neededFor(input, null));
            } catch (IOException e) {
                problems.add(input.path() + " cannot be checked: " + e.getMessage() + neededFor(input, null));
            }
        }
        return problems;
    }

    private static String neededFor(LaunchInput input, Path found) {
        return input.path().equals(found) ? " (" + input.why() + ")" : " (needed for " + input.why() + ": " + input.path() + ")";
    }

    private static Optional<String> problemOf(PathChain.Hop hop) {
        Path path = hop.path();
        if (hop.uid() != 0) {
            String chown = hop.link() ? "chown -h root: " : "chown root: ";
            return Optional.of(path + " is owned by uid " + hop.uid() + ", not root; run: " + chown + path);
        }
        boolean passable = !hop.target() && hop.directory() && hop.sticky();
        if (!hop.link() && !passable && hop.writableByGroupOrOthers()) {
            return Optional.of(path + " is writable by group or others; run: chmod go-w " + path);
        }
        return Optional.empty();
    }
}
