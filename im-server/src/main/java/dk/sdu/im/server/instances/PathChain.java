package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every file system object the kernel passes through to open a path, found the way the kernel finds them: one
 * component at a time from {@code /}, following each symbolic link where it stands (so {@code ..} after a link
 * means the link target's parent). Whoever can change any of these objects can change what the path opens.
 * Reads attributes only ({@code lstat}); never opens the file.
 *
 * @param real the path with no link left in it, where the walk ended
 * @param hops every directory, link and the final object passed through, in order; the last is the target
 */
record PathChain(Path real, List<Hop> hops) {
    /** Linux gives up after 40 links (ELOOP); so does this walk. */
    private static final int MAX_LINKS = 40;
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int LINK = 0120000;
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHER_WRITE = 0022;

    PathChain {
        hops = List.copyOf(hops);
    }

    /**
     * One object on the way, with its owner and mode bits as {@code lstat} gives them.
     *
     * @param target whether this is what the path names (the last hop), rather than a directory or link on the way
     */
    record Hop(Path path, int uid, int mode, boolean target) {
        boolean link() {
            return (mode & TYPE_MASK) == LINK;
        }

        boolean directory() {
            return (mode & TYPE_MASK) == DIRECTORY;
        }

        boolean sticky() {
            return (mode & STICKY) != 0;
        }

        boolean writableByGroupOrOthers() {
            return (mode & GROUP_OR_OTHER_WRITE) != 0;
        }
    }

    /** Walks an absolute path; relative paths are taken from {@code /}, as the launcher (which runs in {@code /}) does. */
    static PathChain walk(Path path) throws IOException {
        return walk(path, new HashMap<>());
    }

    /**
     * As {@link #walk(Path)}, reusing the objects {@code seen} on earlier walks of the same check (each is looked at
     * once, though many paths pass through it) and adding the new ones.
     */
    static PathChain walk(Path path, Map<Path, Hop> seen) throws IOException {
        Deque<String> pending = components(path);
        List<Hop> hops = new ArrayList<>(List.of(hop(Path.of("/"), seen)));
        Path current = Path.of("/");
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            Hop hop = hop(next, seen);
            hops.add(hop);
            if (!hop.link()) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException(path + ": more than " + MAX_LINKS + " symbolic links on the way");
            }
            Path target = Files.readSymbolicLink(next);
            components(target).descendingIterator().forEachRemaining(pending::addFirst);
            current = target.isAbsolute() ? Path.of("/") : current;
        }
        return new PathChain(current, withTarget(hops, current, seen));
    }

    /** What the walk ended at is the target (after a final link or {@code ..}, not the last name written). */
    private static List<Hop> withTarget(List<Hop> hops, Path end, Map<Path, Hop> seen) throws IOException {
        Hop last = hops.getLast();
        if (!last.path().equals(end) || last.link()) {
            last = hop(end, seen);
            hops.add(last);
        }
        hops.set(hops.size() - 1, new Hop(last.path(), last.uid(), last.mode(), true));
        return hops;
    }

    private static Deque<String> components(Path path) {
        Deque<String> names = new ArrayDeque<>();
        for (Path name : path) {
            String text = name.toString();
            if (!text.isEmpty() && !text.equals(".")) {
                names.addLast(text);
            }
        }
        return names;
    }

    private static Hop hop(Path path, Map<Path, Hop> seen) throws IOException {
        Hop known = seen.get(path);
        if (known != null) {
            return known;
        }
        Hop hop = lstat(path);
        seen.put(path, hop);
        return hop;
    }

    private static Hop lstat(Path path) throws IOException {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return new Hop(path, (Integer) attributes.get("uid"), (Integer) attributes.get("mode"), false);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path + " does not exist");
        }
    }
}
