package dk.sdu.im.server.instances;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The sudo check before every launch, cheaply: {@link SudoCheck} runs at the first launch check (at start-up) and
 * again only when what sudo decides by has changed: {@code /usr/bin/sudo}, {@code /etc/sudoers}, {@code /etc/sudoers.d}
 * or a file in it (device, inode, size, modification and change time; the service user may stat them, not read them).
 * Until then the last verdict stands, a refusal included, so a flood of requests does not start a flood of sudo
 * processes. Rules included from elsewhere ({@code @include} of other paths) are not watched; restart IM/Server after
 * changing those. Thread-safe: the last verdict is one immutable value.
 */
final class SudoGate {
    private final Supplier<Optional<String>> check;
    private final Supplier<Optional<List<Object>>> stamp;
    private volatile Verdict last;

    private record Verdict(List<Object> stamp, Optional<String> problem) {
    }

    /** @param stamp what the check's answer depends on; empty when unknown, and then the check runs every time */
    SudoGate(Supplier<Optional<String>> check, Supplier<Optional<List<Object>>> stamp) {
        this.check = check;
        this.stamp = stamp;
    }

    static SudoGate system(Path launcher, String serviceUser) {
        SudoCheck sudo = SudoCheck.system();
        return watching(() -> sudo.problem(launcher, serviceUser));
    }

    /** As {@link #system(Path, String)}, and the rule must run the launcher as members of {@code userGroup}. */
    static SudoGate system(Path launcher, String serviceUser, String userGroup) {
        return of(SudoCheck.system(), launcher, serviceUser, userGroup);
    }

    /** {@code sudo}'s verdict on the rule, asked again only when this host's sudo files changed. */
    static SudoGate of(SudoCheck sudo, Path launcher, String serviceUser, String userGroup) {
        return watching(() -> sudo.problem(launcher, serviceUser, userGroup));
    }

    private static SudoGate watching(Supplier<Optional<String>> check) {
        return new SudoGate(check, () -> stampOf(Path.of("/usr/bin/sudo"), Path.of("/etc/sudoers"), Path.of("/etc/sudoers.d")));
    }

    Optional<String> problem() {
        Optional<List<Object>> now = stamp.get();
        Verdict cached = last;
        if (now.isPresent() && cached != null && now.get().equals(cached.stamp())) {
            return cached.problem();
        }
        Optional<String> problem = check.get();
        last = new Verdict(now.orElse(null), problem);
        return problem;
    }

    /** The attributes of the sudo program, the main sudoers file, its drop-in directory and every entry of that; empty when any cannot be read. */
    static Optional<List<Object>> stampOf(Path program, Path file, Path dir) {
        List<Object> stamp = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : Stream.concat(Stream.of(program, file, dir), entries.sorted()).toList()) {
                stamp.add(List.of(path, attributes(path)));
            }
            return Optional.of(stamp);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    }
}
